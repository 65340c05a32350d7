using System.Net;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Hosting;

namespace Kwaf.Gateway.Tests.EndToEnd;

/// <summary>
/// C-15, embedded-store variant, and a graceful stop, on the gateway run as a process with the real clock (10 failed
/// logins in 60 s block for 1 h, so timing is never close).
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ProcessTestsCollection.Name)]
public sealed class GatewayRestartTests : IDisposable
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Kwaf:Policy:Detectors:LoginBruteForce:Threshold"] = "10",
        ["Kwaf:Policy:BlockDurations:0"] = "01:00:00",

        // No timed write can save counters before the stop: only deactivation or a decision writes.
        ["Kwaf:Persistence:WriteInterval"] = "00:10:00",
    };

    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task KillAfterBlock_Restart_BlockStillEnforcedWithTheSameExpiry()
    {
        const string ip = "203.0.113.130";
        DateTimeOffset expiresBefore;
        await using (var first = await GatewayProcess.StartAsync(_data.Path, Settings))
        {
            await SendAsync(first.Client, Enumerable.Repeat(TestEvents.Event(null, ip, "POST", "/login", 401), 12));
            await first.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, Propagation);
            var blocked = await first.Client.GetIpRatingAsync(ip);
            expiresBefore = blocked.GetProperty("decisionExpires").GetDateTimeOffset();
            await first.KillAsync();
        }

        await using var second = await GatewayProcess.StartAsync(_data.Path, Settings);
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
        long before;
        await using (var first = await GatewayProcess.StartAsync(_data.Path, Settings))
        {
            await SendAsync(first.Client, Enumerable.Repeat(TestEvents.Event(null, ip, "GET", "/", 200), 7));
            await ApiCalls.EventuallyAsync(
                async () => (await TotalEventsAsync(first.Client, ip)) == 7,
                Propagation,
                $"7 events counted for {ip}");
            before = await TotalEventsAsync(first.Client, ip);
            await first.StopAsync();
        }

        await using var second = await GatewayProcess.StartAsync(_data.Path, Settings);
        var after = await TotalEventsAsync(second.Client, ip);

        Assert.Equal(before, after);
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
