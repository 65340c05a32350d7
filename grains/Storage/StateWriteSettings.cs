namespace Kwaf.Grains.Storage;

/// <summary>What a <see cref="BoundedStateWriter"/> needs besides its own progress; one instance serves many.</summary>
/// <param name="StorageName">The grain storage name, for metrics.</param>
/// <param name="Health">Where outcomes are reported.</param>
/// <param name="TimeProvider">The clock for timeouts and backoff.</param>
/// <param name="Timeout">How long a bounded write may hold the grain.</param>
/// <param name="FirstRetryDelay">The wait after the first failure; it doubles with each further failure.</param>
/// <param name="MaxRetryDelay">The longest wait between attempts.</param>
internal sealed record StateWriteSettings(
    string StorageName,
    StorageHealth Health,
    TimeProvider TimeProvider,
    TimeSpan Timeout,
    TimeSpan FirstRetryDelay,
    TimeSpan MaxRetryDelay);
