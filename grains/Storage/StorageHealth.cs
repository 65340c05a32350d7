using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Storage;

/// <summary>
/// The silo's view of its grain state store, fed by the outcome of every state write of kwaf's grains. Storage is
/// degraded while any grain waits to retry a failed write, or while the latest write outcome was a failure; it
/// recovers on its own with the next successful write once no grain is waiting.
/// </summary>
/// <remarks>
/// Thread-safe: grains of every activation report here. The counters are updated with Interlocked; the degraded
/// flag is derived from them on read, so there is no lock. The outcome sequence numbers only grow, so a late report
/// never hides a newer one.
/// </remarks>
internal sealed partial class StorageHealth
{
    private readonly StorageMetrics? _metrics;
    private readonly ILogger<StorageHealth>? _logger;
    private long _pendingWrites;
    private long _writeFailures;
    private long _outcomeSequence;
    private long _lastFailureSequence;
    private long _lastSuccessSequence;
    private int _reportedDegraded;

    /// <summary>Creates the health indicator with its metrics and log.</summary>
    /// <param name="meterFactory">The meter factory.</param>
    /// <param name="logger">The logger for transitions between healthy and degraded.</param>
    public StorageHealth(System.Diagnostics.Metrics.IMeterFactory meterFactory, ILogger<StorageHealth> logger)
    {
        _metrics = new StorageMetrics(meterFactory, () => Interlocked.Read(ref _pendingWrites));
        _logger = logger;
    }

    private StorageHealth()
    {
    }

    /// <summary>
    /// A health indicator that reports to nobody, for grains hosted without kwaf's silo configuration (unit test
    /// clusters): their writes behave the same, only nothing observes the outcome.
    /// </summary>
    public static StorageHealth Detached => new();

    /// <summary>Whether storage is degraded now.</summary>
    public bool IsDegraded =>
        Interlocked.Read(ref _pendingWrites) > 0
        || Interlocked.Read(ref _lastFailureSequence) > Interlocked.Read(ref _lastSuccessSequence);

    /// <summary>Grains waiting to retry a write.</summary>
    public long PendingWrites => Interlocked.Read(ref _pendingWrites);

    /// <summary>Failed or timed-out writes since start.</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    /// <summary>Records a write that completed.</summary>
    public void WriteSucceeded()
    {
        Interlocked.Exchange(ref _lastSuccessSequence, Interlocked.Increment(ref _outcomeSequence));
        ReportTransition();
    }

    /// <summary>Records a write that failed or did not complete in time.</summary>
    /// <param name="storageName">The grain storage, for example <c>subjects</c>.</param>
    public void WriteFailed(string storageName)
    {
        Interlocked.Increment(ref _writeFailures);
        Interlocked.Exchange(ref _lastFailureSequence, Interlocked.Increment(ref _outcomeSequence));
        _metrics?.WriteFailed(storageName);
        ReportTransition();
    }

    /// <summary>A grain now holds state that a failed write left unsaved.</summary>
    public void RetryPending() => Interlocked.Increment(ref _pendingWrites);

    /// <summary>A grain that held unsaved state saved it, or gave up on it when it was deactivated.</summary>
    public void RetryResolved()
    {
        Interlocked.Decrement(ref _pendingWrites);
        ReportTransition();
    }

    private void ReportTransition()
    {
        if (_logger is null)
        {
            return;
        }

        var degraded = IsDegraded ? 1 : 0;
        if (Interlocked.Exchange(ref _reportedDegraded, degraded) == degraded)
        {
            return;
        }

        if (degraded == 1)
        {
            Log.StorageDegraded(_logger, PendingWrites, WriteFailures);
        }
        else
        {
            Log.StorageRecovered(_logger, WriteFailures);
        }
    }
}
