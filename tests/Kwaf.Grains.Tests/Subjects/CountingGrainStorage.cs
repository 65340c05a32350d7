using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Orleans.Storage;

namespace Kwaf.Grains.Tests.Subjects;

/// <summary>
/// An in-memory grain storage that stores state as System.Text.Json text (as the embedded store does), checks ETags
/// like a real provider, and counts writes per state and grain. A test can hold a grain's writes to see what the grain
/// does while its store is slow. Thread-safe through concurrent dictionaries.
/// </summary>
internal sealed class CountingGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (string Json, string ETag)> _rows = new();
    private readonly ConcurrentDictionary<string, int> _writes = new();
    private readonly ConcurrentDictionary<GrainId, (TaskCompletionSource Waiting, TaskCompletionSource Release)> _held =
        new();

    private readonly ConcurrentDictionary<GrainId, byte> _failingReads = new();

    private long _nextETag;

    /// <summary>Makes reads of <paramref name="grainId"/> throw until <see cref="HealReads"/>.</summary>
    public void FailReads(GrainId grainId) => _failingReads[grainId] = 0;

    /// <summary>Lets reads of <paramref name="grainId"/> succeed again.</summary>
    public void HealReads(GrainId grainId) => _failingReads.TryRemove(grainId, out _);

    /// <summary>Makes the next writes of <paramref name="grainId"/> wait until <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites(GrainId grainId) => _held[grainId] = (
        new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Completes once a write of a held grain is waiting to be released.</summary>
    public Task WriteWaiting(GrainId grainId) => _held[grainId].Waiting.Task;

    /// <summary>Lets the held writes of <paramref name="grainId"/> (and every later one) go through.</summary>
    public void ReleaseWrites(GrainId grainId)
    {
        if (_held.TryRemove(grainId, out var gate))
        {
            gate.Release.TrySetResult();
        }
    }

    public int WritesOf(string stateName, GrainId grainId) => _writes.GetValueOrDefault(Key(stateName, grainId));

    public T? Stored<T>(string stateName, GrainId grainId) =>
        _rows.TryGetValue(Key(stateName, grainId), out var row) ? JsonSerializer.Deserialize<T>(row.Json) : default;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_failingReads.ContainsKey(grainId))
        {
            throw new InvalidOperationException($"The store is down for {grainId}.");
        }

        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = JsonSerializer.Deserialize<T>(row.Json)!;
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_held.TryGetValue(grainId, out var gate))
        {
            gate.Waiting.TrySetResult();
            await gate.Release.Task;
        }

        var key = Key(stateName, grainId);
        var stored = _rows.TryGetValue(key, out var row) ? row.ETag : null;
        if (!string.Equals(stored, grainState.ETag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException($"ETag mismatch for {key}", stored, grainState.ETag);
        }

        var etag = Interlocked.Increment(ref _nextETag).ToString(CultureInfo.InvariantCulture);
        _rows[key] = (JsonSerializer.Serialize(grainState.State), etag);
        _writes.AddOrUpdate(key, 1, static (_, count) => count + 1);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => stateName + "/" + grainId;
}
