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

    [Fact]
    public async Task ReadStateAsync_LimitOfTwo_ThirdReadWaitsUntilOneFinishesWhileWritesGoAhead()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var storage = new SerializableErrorGrainStorage(
            "subjects",
            new ScriptedStorage(() =>
            {
                Interlocked.Increment(ref started);
                return gate.Task;
            }),
            maxConcurrentReads: 2);

        var reads = Enumerable.Range(0, 3)
            .Select(_ => storage.ReadStateAsync("state", Grain, new GrainState<int>()))
            .ToList();
        var startedBeforeRelease = Volatile.Read(ref started);
        var write = storage.WriteStateAsync("state", Grain, new GrainState<int>());
        var startedWithWrite = Volatile.Read(ref started);
        gate.SetResult();
        await Task.WhenAll([.. reads, write]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, startedBeforeRelease);
        Assert.Equal(3, startedWithWrite);
        Assert.Equal(4, Volatile.Read(ref started));
    }

    [Fact]
    public void ForStorage_EachStorage_OwnPoolNamedAndDecisionsPoolSmall()
    {
        const string ConnectionString = "Host=127.0.0.1;Database=kwaf;Username=kwaf;Maximum Pool Size=20";

        var (subjects, subjectReads) = KwafPostgresSiloBuilderExtensions.ForStorage(ConnectionString, "subjects");
        var (decisions, decisionReads) = KwafPostgresSiloBuilderExtensions.ForStorage(ConnectionString, "decisions");

        var subjectsBuilder = new Npgsql.NpgsqlConnectionStringBuilder(subjects);
        var decisionsBuilder = new Npgsql.NpgsqlConnectionStringBuilder(decisions);
        Assert.Equal(
            ("kwaf-subjects", 20, 10),
            (subjectsBuilder.ApplicationName, subjectsBuilder.MaxPoolSize, subjectReads));
        Assert.Equal(("kwaf-decisions", 8), (decisionsBuilder.ApplicationName, decisionsBuilder.MaxPoolSize));
        Assert.Null(decisionReads);
    }

    [Fact]
    public void ForStorage_NothingSaid_PreparesRepeatedStatementsAndSkipsTheReset()
    {
        const string ConnectionString = "Host=127.0.0.1;Database=kwaf;Username=kwaf";

        var (subjects, _) = KwafPostgresSiloBuilderExtensions.ForStorage(ConnectionString, "subjects");

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(subjects);
        Assert.Equal((8, true), (builder.MaxAutoPrepare, builder.NoResetOnClose));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("maxautoprepare=0;noresetonclose=false")]
    public void ForStorage_SetInTheConnectionString_KeepsWhatItSays(string settings)
    {
        var (subjects, _) = KwafPostgresSiloBuilderExtensions.ForStorage("Host=127.0.0.1;" + settings, "subjects");

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(subjects);
        Assert.Equal((0, false), (builder.MaxAutoPrepare, builder.NoResetOnClose));
    }

    private sealed class ScriptedStorage(Func<Task> behavior) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => behavior();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => behavior();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => behavior();
    }
}
