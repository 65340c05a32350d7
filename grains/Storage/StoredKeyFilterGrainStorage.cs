using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Kwaf.Grains.Storage;

/// <summary>
/// Skips the read of a state that the embedded store never held (<see cref="StoredKeySet"/>), which is what most
/// activations under a flood of new client addresses read: the read that misses was about a third of the CPU of a
/// new subject. The state is then left as the store would leave it after a miss: a fresh instance, no ETag, no
/// record. Writes and clears record their key first and then pass on, as do reads of states that may exist.
/// </summary>
/// <remarks>
/// The set is keyed by what the ADO.NET store keys its rows by: the state name and the grain's string key. Grains
/// keyed by a GUID or an integer, and generic state names (which the store rewrites), always read. Forwards the silo
/// lifecycle to the wrapped storage, which initializes there.
/// </remarks>
internal sealed class StoredKeyFilterGrainStorage(
    IGrainStorage inner,
    StoredKeySet storedKeys,
    IActivatorProvider activators)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private long _skippedReads;

    /// <summary>Reads skipped because the state was never stored.</summary>
    public long SkippedReads => Interlocked.Read(ref _skippedReads);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ReadStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (KeyOf(stateName, grainId) is not { } key || storedKeys.MayContain(stateName, key))
        {
            return inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);
        }

        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
        Interlocked.Increment(ref _skippedReads);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task WriteStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        Record(stateName, grainId);
        return inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <inheritdoc />
    public Task ClearStateAsync<T>(
        string stateName,
        GrainId grainId,
        IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        // A clear of a state never written may still insert an empty row (sql/sqlite): it counts as stored.
        Record(stateName, grainId);
        return inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (inner is ILifecycleParticipant<ISiloLifecycle> participant)
        {
            participant.Participate(lifecycle);
        }
    }

    /// <summary>
    /// The key the store files the state under when it is a plain string key and the state name is stored as
    /// given; null otherwise (the state then always reads).
    /// </summary>
    internal static string? KeyOf(string stateName, GrainId grainId)
    {
        if (stateName.Contains('`', StringComparison.Ordinal)
            || grainId.TryGetGuidKey(out _, out _)
            || grainId.TryGetIntegerKey(out _, out _))
        {
            return null;
        }

        return grainId.Key.ToString();
    }

    private void Record(string stateName, GrainId grainId)
    {
        if (KeyOf(stateName, grainId) is { } key)
        {
            storedKeys.Add(stateName, key);
        }
    }
}
