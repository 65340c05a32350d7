using System.Net;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared.Postgres;
using Npgsql;

namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>
/// C-16, the latency variant: PostgreSQL reached through a relay that adds 5 s to every packet. Checks keep
/// answering from memory, a block decided meanwhile is enforced at once, new clients' slow activations hold back
/// no one else, readiness reports degraded storage, and all of it recovers on its own when the latency goes.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class C16SlowStoreTests : IAsyncLifetime
{
    private const string Blocked = "203.0.113.150";
    private const string Clean = "198.51.100.150";
    private const string Attacker = "203.0.113.151";
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private PostgresDatabase _database = null!;
    private LatencyProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _proxy = LatencyProxy.Start(direct.Host!, direct.Port);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task FiveSecondsOfLatency_ChecksAnswerFromMemoryAndStateLandsAfterwards()
    {
        await using var gateway = await GatewayProcess.StartAsync(_folder.Path, Settings());
        await C16LockedStoreTests.PrepareAsync(gateway.Client);

        _proxy.Delay = Latency;
        var newClients = Enumerable.Range(1, 50).Select(i => TestEvents.Event(null, $"10.17.0.{i}", "GET", "/", 200));
        await C16LockedStoreTests.SendAsync(
            gateway.Client,
            newClients.Concat(C16LockedStoreTests.FailedLogins(Attacker, 12)));
        await gateway.Client.CheckEventuallyAsync(Attacker, HttpStatusCode.Forbidden, Bound);
        await ApiCalls.EventuallyAsync(
            async () => await C16LockedStoreTests.ReadyStatusAsync(gateway.Client) == "degraded",
            Bound,
            "readiness reporting degraded storage while the store is slow");
        var checks = new List<(string Ip, HttpStatusCode Status)>();
        for (var i = 0; i < 20; i++)
        {
            foreach (var ip in new[] { Blocked, Clean, Attacker })
            {
                checks.Add((ip, await C16LockedStoreTests.StatusAsync(gateway.Client, ip)));
            }
        }

        _proxy.Delay = TimeSpan.Zero;

        Assert.All(checks, check => Assert.Equal(Expected(check.Ip), check.Status));
        await ApiCalls.EventuallyAsync(
            async () => await C16LockedStoreTests.ReadyStatusAsync(gateway.Client) == "ready",
            Bound,
            "readiness recovering once the latency is gone");
        await ApiCalls.EventuallyAsync(
            async () => Convert.ToInt64(await _database.ScalarAsync(
                "SELECT COUNT(*) FROM kwaf_grain_state WHERE grain_type = 'decisionBoard' "
                + $"AND convert_from(payload, 'UTF8') LIKE '%{Attacker}\"%';")) > 0,
            Bound,
            $"the block of {Attacker} stored once the latency is gone");
        var newClient = await gateway.Client.GetIpRatingAsync("10.17.0.50");
        Assert.Equal(1, newClient.GetProperty("totalEvents").GetInt64());
    }

    private static HttpStatusCode Expected(string ip) =>
        ip == Clean ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden;

    private Dictionary<string, string> Settings()
    {
        var settings = PostgresSettings.For(_database);
        settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(_database.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = _proxy.Port,
        }.ConnectionString;
        settings["Kwaf:Persistence:WriteInterval"] = "00:00:01";
        settings["Kwaf:Persistence:WriteTimeout"] = "00:00:00.500";
        settings["Kwaf:Persistence:MaxRetryBackoff"] = "00:00:02";
        return settings;
    }
}
