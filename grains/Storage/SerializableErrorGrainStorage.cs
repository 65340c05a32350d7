using System.Data.Common;
using Orleans.Storage;

namespace Kwaf.Grains.Storage;

/// <summary>
/// Wraps a grain storage so that a failure of the database provider reaches the grain's caller as an exception
/// Orleans can serialize. Without it, a failed read during activation (for example PostgreSQL's "53300: too many
/// clients" or Npgsql's "connection pool exhausted") travels back as an <c>OrleansException</c> whose inner
/// <c>NpgsqlException</c> has no codec: the response cannot be serialized, and the caller sees a
/// <c>CodecNotFoundException</c> instead of the storage error.
/// </summary>
/// <remarks>
/// Only <see cref="DbException"/> is translated; every other exception passes unchanged, so the write conflict
/// (<see cref="InconsistentStateException"/>) still reaches the grain that resolves it. The translated exception
/// carries the provider's type, SQL state and message but not the original as its inner exception, because that
/// inner exception is exactly what cannot cross the wire; the provider has already logged the original with its stack
/// trace. Forwards the silo lifecycle to the wrapped storage, which initializes there.
/// <para>
/// Reads can be limited to a number at once. Without a limit, a burst of new activations against a slow or locked
/// database (CASES C-16) takes every pooled connection, waits out the pool's timeout and fails; with one, the reads
/// queue here without a timeout of their own, and connections stay free for state writes.
/// </para>
/// </remarks>
internal sealed class SerializableErrorGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _storageName;
    private readonly IGrainStorage _inner;
    private readonly SemaphoreSlim? _reads;

    /// <summary>Creates the wrapper.</summary>
    /// <param name="storageName">The grain storage name, for messages.</param>
    /// <param name="inner">The storage that does the work.</param>
    /// <param name="maxConcurrentReads">Most reads in progress at once; null for no limit.</param>
    public SerializableErrorGrainStorage(string storageName, IGrainStorage inner, int? maxConcurrentReads = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(storageName);
        ArgumentNullException.ThrowIfNull(inner);
        _storageName = storageName;
        _inner = inner;
        if (maxConcurrentReads is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(maxConcurrentReads));
            _reads = new SemaphoreSlim(limit, limit);
        }
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_reads is null)
        {
            await ReadAsync(stateName, grainId, grainState);
            return;
        }

        await _reads.WaitAsync();
        try
        {
            await ReadAsync(stateName, grainId, grainState);
        }
        finally
        {
            _reads.Release();
        }
    }

    private Task ReadAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync(() => _inner.ReadStateAsync(stateName, grainId, grainState), "read", stateName, grainId);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync(() => _inner.WriteStateAsync(stateName, grainId, grainState), "write", stateName, grainId);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        TranslateAsync(() => _inner.ClearStateAsync(stateName, grainId, grainState), "clear", stateName, grainId);

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (_inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }

    /// <summary>The message of a translated failure; names the storage, the operation, the state and the grain.
    /// </summary>
    /// <param name="storageName">The grain storage name.</param>
    /// <param name="operation">read, write or clear.</param>
    /// <param name="stateName">The state name.</param>
    /// <param name="grainId">The grain.</param>
    /// <param name="error">The provider's exception.</param>
    /// <returns>The message.</returns>
    internal static string Describe(
        string storageName,
        string operation,
        string stateName,
        GrainId grainId,
        DbException error)
    {
        var sqlState = error.SqlState is { Length: > 0 } state ? $" (SQL state {state})" : string.Empty;
        return $"Grain storage '{storageName}' could not {operation} state '{stateName}' of grain {grainId}: "
            + $"{error.GetType().FullName}{sqlState}: {error.Message}";
    }

    private async Task TranslateAsync(Func<Task> operation, string name, string stateName, GrainId grainId)
    {
        try
        {
            await operation();
        }
        catch (DbException exception)
        {
            // Deliberately without the inner exception: see the remarks of this class.
            throw new OrleansException(Describe(_storageName, name, stateName, grainId, exception));
        }
    }
}
