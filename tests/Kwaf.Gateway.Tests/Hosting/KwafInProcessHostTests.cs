using Kwaf.Gateway.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

    private async Task<T> RunSqliteHostAsync<T>(Func<IGrainFactory, Task<T>> action)
    {
        var overrides = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kwaf:Storage:Provider"] = "Sqlite",
                ["Kwaf:Storage:DataPath"] = _folder.Path,
            })
            .Build();
        using var host = KwafInProcessHost.Create(overrides);
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
