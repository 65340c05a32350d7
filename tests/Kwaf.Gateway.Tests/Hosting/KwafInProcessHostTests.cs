using Kwaf.Gateway.Hosting;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Kwaf.Gateway.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class KwafInProcessHostTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Create_SqliteStore_StateSurvivesRestart()
    {
        await RunSqliteHostAsync(grains => grains.GetGrain<IProbeGrain>("t:restart").SetAsync("kept"));

        var value = await RunSqliteHostAsync(grains => grains.GetGrain<IProbeGrain>("t:restart").GetAsync());

        Assert.Equal("kept", value);
    }

    [Fact]
    public async Task Create_SqliteStore_KeysDifferingOnlyInCaseDoNotCollide()
    {
        await RunSqliteHostAsync(async grains =>
        {
            await grains.GetGrain<IProbeGrain>("t:abc").SetAsync("lower");
            await grains.GetGrain<IProbeGrain>("t:ABC").SetAsync("upper");
            await grains.GetGrain<IProbeGrain>("t:0abc").SetAsync("zero");
            return true;
        });

        var values = await RunSqliteHostAsync(async grains => new[]
        {
            await grains.GetGrain<IProbeGrain>("t:abc").GetAsync(),
            await grains.GetGrain<IProbeGrain>("t:ABC").GetAsync(),
            await grains.GetGrain<IProbeGrain>("t:0abc").GetAsync(),
        });

        Assert.Equal("lower|upper|zero", string.Join('|', values));
    }

    [Fact]
    public async Task Create_SqliteStore_StoresStateAsPlainJson()
    {
        await RunSqliteHostAsync(grains => grains.GetGrain<IProbeGrain>("t:json").SetAsync("plain"));

        var payload = await ReadPayloadAsync("t:json");

        Assert.Equal("{\"Value\":\"plain\"}", payload);
    }

    [Fact]
    public async Task Create_SqliteStore_ReadsOnlyStatesTheStoreMayHold()
    {
        await RunSqliteHostAsync(grains => grains.GetGrain<IProbeGrain>("t:stored").SetAsync("kept"));

        using var host = KwafInProcessHost.Create(SqliteSettings());
        await host.StartAsync().WaitAsync(Timeout);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var storage = Assert.IsType<StoredKeyFilterGrainStorage>(
            host.Services.GetRequiredKeyedService<IGrainStorage>("subjects"));
        var stored = await grains.GetGrain<IProbeGrain>("t:stored").GetAsync().WaitAsync(Timeout);
        var skippedAfterStored = storage.SkippedReads;
        var fresh = await grains.GetGrain<IProbeGrain>("t:fresh").GetAsync().WaitAsync(Timeout);
        await host.StopAsync().WaitAsync(Timeout);

        Assert.Equal("kept", stored);
        Assert.Equal(0, skippedAfterStored);
        Assert.Null(fresh);
        Assert.Equal(1, storage.SkippedReads);
    }

    [Fact]
    public async Task Create_SqliteStore_SecondHostOnTheFolderFailsUntilTheFirstStops()
    {
        using var first = KwafInProcessHost.Create(SqliteSettings());
        await first.StartAsync().WaitAsync(Timeout);

        using var second = KwafInProcessHost.Create(SqliteSettings());
        var refused = await Record.ExceptionAsync(() => second.StartAsync().WaitAsync(Timeout));
        await first.StopAsync().WaitAsync(Timeout);
        var afterStop = await RunSqliteHostAsync(async grains =>
        {
            await grains.GetGrain<IProbeGrain>("t:after").SetAsync("taken over");
            return await grains.GetGrain<IProbeGrain>("t:after").GetAsync();
        });

        var inUse = FindInChain<DataFolderLockException>(refused);
        Assert.NotNull(inUse);
        Assert.True(inUse.InUse);
        Assert.Equal(_folder.Path, inUse.Folder);
        Assert.Contains("in use by another kwaf process", inUse.Message, StringComparison.Ordinal);
        Assert.True(StartupFailure.IsConfigurationError(refused!));
        Assert.Equal("taken over", afterStop);
    }

    [Fact]
    public async Task Create_NoOverrides_UsesMemoryStoreAndServesGrains()
    {
        using var host = KwafInProcessHost.Create(new ConfigurationBuilder().Build());
        await host.StartAsync().WaitAsync(Timeout);
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        await grains.GetGrain<IProbeGrain>("t:memory").SetAsync("in memory").WaitAsync(Timeout);
        var value = await grains.GetGrain<IProbeGrain>("t:memory").GetAsync().WaitAsync(Timeout);

        await host.StopAsync().WaitAsync(Timeout);
        Assert.Equal("in memory", value);
    }

    private static T? FindInChain<T>(Exception? exception)
        where T : Exception
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is T found)
            {
                return found;
            }
        }

        return null;
    }

    private IConfiguration SqliteSettings() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kwaf:Storage:Provider"] = "Sqlite",
            ["Kwaf:Storage:DataPath"] = _folder.Path,
        })
        .Build();

    private async Task<T> RunSqliteHostAsync<T>(Func<IGrainFactory, Task<T>> action)
    {
        using var host = KwafInProcessHost.Create(SqliteSettings());
        await host.StartAsync().WaitAsync(Timeout);
        try
        {
            return await action(host.Services.GetRequiredService<IGrainFactory>()).WaitAsync(Timeout);
        }
        finally
        {
            await host.StopAsync().WaitAsync(Timeout);
        }
    }

    private Task RunSqliteHostAsync(Func<IGrainFactory, Task> action) =>
        RunSqliteHostAsync(async grains =>
        {
            await action(grains);
            return true;
        });

    private async Task<string> ReadPayloadAsync(string key)
    {
        await using var connection = new SqliteConnection(
            $"Data Source={Path.Combine(_folder.Path, "kwaf.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT CAST(payload_binary AS TEXT) FROM orleans_storage WHERE grain_id_extension_string LIKE @key;";
        command.Parameters.AddWithValue("@key", "%" + key);
        return Assert.IsType<string>(await command.ExecuteScalarAsync());
    }
}
