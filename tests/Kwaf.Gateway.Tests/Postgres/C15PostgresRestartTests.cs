using System.Net;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared.Postgres;

namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>
/// C-15 on PostgreSQL, with the gateway run as a process on the real clock (10 failed logins in 60 s block for 1 h):
/// a kill -9 right after a block keeps the decision, and a graceful stop loses no counted event.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class C15PostgresRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private PostgresDatabase _database = null!;
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        _settings = PostgresSettings.For(_database);

        // No timed write can save counters before the stop: only deactivation or a decision writes.
        _settings["Kwaf:Persistence:WriteInterval"] = "00:10:00";
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task KillAfterBlock_Restart_BlockStillEnforcedWithTheSameExpiry()
    {
        const string ip = "203.0.113.130";
        DateTimeOffset expiresBefore;
        await using (var first = await GatewayProcess.StartAsync(_folder.Path, _settings))
        {
            await SendAsync(first.Client, Enumerable.Repeat(TestEvents.Event(null, ip, "POST", "/login", 401), 12));
            await first.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, Propagation);
            expiresBefore = (await first.Client.GetIpRatingAsync(ip)).GetProperty("decisionExpires")
                .GetDateTimeOffset();
            await first.KillAsync();
        }

        await using var second = await GatewayProcess.StartAsync(_folder.Path, _settings);
        using var check = await second.Client.CheckIpAsync(ip);
        var rating = await second.Client.GetIpRatingAsync(ip);

        Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);
        Assert.Equal("block", rating.GetProperty("decision").GetString());
        Assert.Equal(expiresBefore, rating.GetProperty("decisionExpires").GetDateTimeOffset());
    }

    [Fact]
    public async Task GracefulStop_Restart_LosesNoCountedEvent()
    {
        const string ip = "203.0.113.131";
        await using (var first = await GatewayProcess.StartAsync(_folder.Path, _settings))
        {
            await SendAsync(first.Client, Enumerable.Repeat(TestEvents.Event(null, ip, "POST", "/login", 401), 12));
            await ApiCalls.EventuallyAsync(
                async () => (await TotalEventsAsync(first.Client, ip)) == 12,
                Propagation,
                $"12 events counted for {ip}");
            await first.StopAsync();
        }

        await using var second = await GatewayProcess.StartAsync(_folder.Path, _settings);
        var rating = await second.Client.GetIpRatingAsync(ip);

        Assert.Equal(12, rating.GetProperty("totalEvents").GetInt64());
        Assert.Equal("block", rating.GetProperty("decision").GetString());
    }

    private static async Task SendAsync(HttpClient client, IEnumerable<string> events)
    {
        using var response = await client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<long> TotalEventsAsync(HttpClient client, string ip)
    {
        using var response = await client.GetAsync($"/ratings?ip={ip}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return 0;
        }

        var rating = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, $"rating of {ip}");
        return rating.GetProperty("totalEvents").GetInt64();
    }
}
