using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace Kwaf.Grains.Hosting;

/// <summary>
/// Grain state kept in this process's memory, serialized with the silo's grain storage serializer so that every
/// read returns a copy, as a real store would. Used for replay and tests. Unlike Orleans' memory storage it is not
/// itself a grain, so subject grains can still write while the silo shuts down. Lost when the process ends, and not
/// shared between silos.
/// </summary>
internal sealed class InProcessGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Row> _rows = new();
    private long _nextVersion;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Payload);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var written = new Row(serializer.Serialize(grainState.State), NextETag());
        var stored = _rows.AddOrUpdate(
            key,
            static (_, args) => args.ETag is null ? args.Written : throw Conflict(args.ETag, null),
            static (_, current, args) =>
                args.ETag == current.ETag ? args.Written : throw Conflict(args.ETag, current.ETag),
            (grainState.ETag, Written: written));
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private string NextETag() =>
        Interlocked.Increment(ref _nextVersion).ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string? sent, string? stored) =>
        new($"In-process grain state version mismatch: sent {sent ?? "none"}, stored {stored ?? "none"}.",
            stored,
            sent);

    private sealed record Row(BinaryData Payload, string ETag);
}
