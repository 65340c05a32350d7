using System.Data.Common;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Kwaf.Silo.Tests.Storage;

/// <summary>
/// Issue 3: under ingestion load a failed activation read (PostgreSQL "53300: too many clients") reached the gateway
/// as a CodecNotFoundException, because the provider exception cannot be serialized.
/// </summary>
public sealed class SerializableErrorGrainStorageTests
{
    private static readonly GrainId Grain = GrainId.Create("clientip", "ip:192.0.2.1");

    [Fact]
    public async Task ReadStateAsync_ProviderFails_ThrowsOrleansExceptionNamingGrainAndSqlState()
    {
        var inner = new ScriptedStorage(() => throw new FakeDbException("sorry, too many clients already", "53300"));
        var storage = new SerializableErrorGrainStorage("subjects", inner);

        var error = await Assert.ThrowsAsync<OrleansException>(
            () => storage.ReadStateAsync("state", Grain, new GrainState<int>()));

        Assert.Null(error.InnerException);
        Assert.Contains("subjects", error.Message, StringComparison.Ordinal);
        Assert.Contains("read", error.Message, StringComparison.Ordinal);
        Assert.Contains("ip:192.0.2.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("53300", error.Message, StringComparison.Ordinal);
        Assert.Contains("too many clients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteStateAsync_WriteConflict_PassesConflictUnchanged()
    {
        var conflict = new InconsistentStateException("etag mismatch");
        var storage = new SerializableErrorGrainStorage("subjects", new ScriptedStorage(() => throw conflict));

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync("state", Grain, new GrainState<int>()));

        Assert.Same(conflict, error);
    }

    [Fact]
    public async Task ClearStateAsync_ProviderSucceeds_Completes()
    {
        var calls = 0;
        var storage = new SerializableErrorGrainStorage("subjects", new ScriptedStorage(() =>
        {
            calls++;
            return Task.CompletedTask;
        }));

        await storage.ClearStateAsync("state", Grain, new GrainState<int>());

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task TranslatedFailure_SerializedAcrossTheWire_RoundTripsWithMessage()
    {
        var serializer = NewSerializer();
        var storage = new SerializableErrorGrainStorage(
            "subjects",
            new ScriptedStorage(() => throw new FakeDbException("pool exhausted", null)));
        var error = await Assert.ThrowsAsync<OrleansException>(
            () => storage.ReadStateAsync("state", Grain, new GrainState<int>()));

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(error));

        Assert.IsType<OrleansException>(copy);
        Assert.Equal(error.Message, copy.Message);
    }

    [Fact]
    public void UntranslatedFailure_SerializedAcrossTheWire_HasNoCodec()
    {
        var serializer = NewSerializer();
        var wrapped = new OrleansException("Error from storage provider", new FakeDbException("too many", "53300"));

        Assert.Throws<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(wrapped));
    }

    [Fact]
    public void WrapProviderErrors_StorageRegisteredByFactory_ResolvesWrapperAroundIt()
    {
        var inner = new ScriptedStorage(() => Task.CompletedTask);
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IGrainStorage>("subjects", (_, _) => inner);

        KwafPostgresSiloBuilderExtensions.WrapProviderErrors(services, "subjects");
        var resolved = services.BuildServiceProvider().GetRequiredKeyedService<IGrainStorage>("subjects");

        Assert.IsType<SerializableErrorGrainStorage>(resolved);
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IGrainStorage));
    }

    private static Serializer NewSerializer() =>
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private sealed class FakeDbException(string message, string? sqlState) : DbException(message)
    {
        public override string? SqlState => sqlState;
    }

    private sealed class ScriptedStorage(Func<Task> behavior) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => behavior();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => behavior();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => behavior();
    }
}
