using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Orleans.Storage;

namespace Kwaf.Grains.Tests.Subjects;

/// <summary>
/// An in-memory grain storage that stores state as System.Text.Json text (as the embedded store does), checks ETags
/// like a real provider, and counts writes per state and grain. Thread-safe through concurrent dictionaries.
/// </summary>
internal sealed class CountingGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<string, (string Json, string ETag)> _rows = new();
    private readonly ConcurrentDictionary<string, int> _writes = new();
    private long _nextETag;

    public int WritesOf(string stateName, GrainId grainId) => _writes.GetValueOrDefault(Key(stateName, grainId));

    public T? Stored<T>(string stateName, GrainId grainId) =>
        _rows.TryGetValue(Key(stateName, grainId), out var row) ? JsonSerializer.Deserialize<T>(row.Json) : default;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = JsonSerializer.Deserialize<T>(row.Json)!;
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
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
        return Task.CompletedTask;
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
