using Kwaf.Grains.Storage;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Kwaf.Grains.Tests.Storage;

public sealed class StoredKeyFilterGrainStorageTests
{
    private static readonly GrainId Subject = GrainId.Create("clientIp", "ip:192.0.2.10");
    private static readonly GrainType ProbeType = GrainType.Create("probe");

    private readonly RecordingGrainStorage _inner = new();
    private readonly StoredKeySet _keys = new();
    private readonly StoredKeyFilterGrainStorage _storage;

    public StoredKeyFilterGrainStorageTests()
    {
        _storage = new StoredKeyFilterGrainStorage(_inner, _keys, new NewInstanceActivators());
    }

    [Fact]
    public async Task Read_NeverStored_SkipsTheStoreAndLeavesAFreshState()
    {
        var state = new GrainState<Probe>(new Probe { Value = "changed in memory" }) { ETag = "7" };

        await _storage.ReadStateAsync("clientIp", Subject, state);

        Assert.Equal(0, _inner.Reads);
        Assert.Equal(1, _storage.SkippedReads);
        Assert.NotNull(state.State);
        Assert.Null(state.State.Value);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Read_KnownFromTheStore_Reads()
    {
        _keys.Add("clientIp", "ip:192.0.2.10");

        await _storage.ReadStateAsync("clientIp", Subject, new GrainState<Probe>(new Probe()));

        Assert.Equal(1, _inner.Reads);
        Assert.Equal(0, _storage.SkippedReads);
    }

    [Fact]
    public async Task Read_AfterAWrite_Reads()
    {
        var state = new GrainState<Probe>(new Probe { Value = "a" });

        await _storage.WriteStateAsync("clientIp", Subject, state);
        await _storage.ReadStateAsync("clientIp", Subject, state);

        Assert.Equal(1, _inner.Writes);
        Assert.Equal(1, _inner.Reads);
    }

    [Fact]
    public async Task Read_AfterAClear_Reads()
    {
        var state = new GrainState<Probe>(new Probe());

        await _storage.ClearStateAsync("clientIp", Subject, state);
        await _storage.ReadStateAsync("clientIp", Subject, state);

        Assert.Equal(1, _inner.Reads);
    }

    [Fact]
    public async Task Read_WrittenUnderAnotherStateName_StillSkips()
    {
        await _storage.WriteStateAsync("user", Subject, new GrainState<Probe>(new Probe()));

        await _storage.ReadStateAsync("clientIp", Subject, new GrainState<Probe>(new Probe()));

        Assert.Equal(0, _inner.Reads);
    }

    [Theory]
    [InlineData("integer")]
    [InlineData("guid")]
    [InlineData("generic state name")]
    public async Task Read_KeyTheStoreRewrites_AlwaysReads(string shape)
    {
        var (stateName, grainId) = shape switch
        {
            "integer" => ("probe", GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(42))),
            "guid" => ("probe", GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid()))),
            _ => ("Probe`1[[System.String]]", Subject),
        };

        await _storage.ReadStateAsync(stateName, grainId, new GrainState<Probe>(new Probe()));

        Assert.Equal(1, _inner.Reads);
        Assert.Null(StoredKeyFilterGrainStorage.KeyOf(stateName, grainId));
    }

    public sealed class Probe
    {
        public string? Value { get; set; }
    }

    private sealed class RecordingGrainStorage : IGrainStorage
    {
        public int Reads { get; private set; }

        public int Writes { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Reads++;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Writes++;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Task.CompletedTask;
    }

    private sealed class NewInstanceActivators : IActivatorProvider
    {
        public IActivator<T> GetActivator<T>() => new NewInstance<T>();

        private sealed class NewInstance<T> : IActivator<T>
        {
            public T Create() => Activator.CreateInstance<T>();
        }
    }
}
