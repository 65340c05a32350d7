using System.Globalization;
using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-14: an allowlisted gateway address (a monitor and the LAN behind it) is never counted by any rule or blocked,
/// before and after a configuration reload and a restart; a burst from any other address is blocked at its 10th 404;
/// an address blocked before it was allowlisted is allowed from the first check after the entry is added by a
/// reload, and kwaf logs and audits "blocked but allowlisted; block ignored". Test settings: 10 responses with status
/// 404 in 60 s block for 1 h; every other rule on. Restart: a new host on the same SQLite store.
/// </summary>
[Trait("Category", "Integration")]
public sealed class C14AllowlistTests : IDisposable
{
    private const string Monitor = "192.0.2.1";
    private const string Outsider = "198.51.100.40";
    private const string AllowlistKey = "Kwaf:Policy:Allowlist:0";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Monitor_BurstReloadAndRestart_NeverCountedAndEveryCheck204()
    {
        var statuses = new List<(DateTimeOffset At, HttpStatusCode Status)>();
        var burstAt = T0.AddHours(1);
        await using (var gateway = await StartAsync(T0, Monitor + "/32"))
        {
            await MonitorAsync(gateway, T0, burstAt, statuses);
            gateway.SetClock(burstAt.AddSeconds(30));
            await gateway.SendAsync([.. Burst(Monitor, burstAt)]);
            statuses.Add((burstAt.AddSeconds(30), await gateway.CheckAsync(Monitor)));
            await MonitorAsync(gateway, burstAt, burstAt.AddMinutes(1), statuses);
            gateway.Reconfigure(AllowlistKey, Monitor + "/32");
            await MonitorAsync(gateway, burstAt.AddMinutes(1), burstAt.AddMinutes(30), statuses);
        }

        await using var restarted = await StartAsync(T0.AddHours(1).AddMinutes(30), Monitor + "/32");
        await MonitorAsync(restarted, T0.AddHours(1).AddMinutes(30), T0.AddHours(2).AddSeconds(1), statuses);
        var rating = await restarted.Client.GetIpRatingAsync(Monitor);
        var audit = await AuditOfAsync(restarted.Client, Monitor);

        Assert.All(statuses, check => Assert.True(
            check.Status == HttpStatusCode.NoContent,
            $"check of {Monitor} at {check.At:O} answered {check.Status}"));
        Assert.Equal(121 + 1, statuses.Count);
        Assert.Equal(361 + 40, rating.GetProperty("totalEvents").GetInt64());
        Assert.Equal(0, rating.GetProperty("score").GetDouble());
        Assert.Equal("ok", rating.GetProperty("level").GetString());
        Assert.Empty(rating.GetProperty("signals").EnumerateArray());
        Assert.Equal("allow", rating.GetProperty("decision").GetString());
        Assert.True(rating.GetProperty("allowlisted").GetBoolean());
        Assert.Empty(audit);
    }

    [Fact]
    public async Task Outsider_SameBurst_BlockedAtItsTenth404()
    {
        var burstAt = T0.AddHours(1).AddMinutes(5);
        await using var gateway = await StartAsync(burstAt.AddSeconds(30), Monitor + "/32");
        var burst = Burst(Outsider, burstAt);

        await gateway.SendAsync([.. burst.Take(9)]);
        var afterNinth = await gateway.CheckAsync(Outsider);
        await gateway.SendAsync(burst[9]);
        var afterTenth = await gateway.CheckAsync(Outsider);

        Assert.Equal(HttpStatusCode.NoContent, afterNinth);
        Assert.Equal(HttpStatusCode.Forbidden, afterTenth);
    }

    [Fact]
    public async Task BlockedThenAllowlistedByReload_FirstCheck204_LoggedAndAuditedOnce()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(T0.AddHours(1).AddSeconds(30), allowlist: null, logs);
        await gateway.SendAsync([.. Burst(Monitor, T0.AddHours(1))]);
        var blocked = await gateway.CheckAsync(Monitor);

        gateway.SetClock(T0.AddHours(1).AddMinutes(1));
        gateway.Reconfigure(AllowlistKey, Monitor + "/32");
        var first = await gateway.CheckAsync(Monitor);
        gateway.Reconfigure(AllowlistKey, Monitor + "/32");
        var audit = await AuditEventuallyAsync(gateway.Client, Monitor, "allowlist-ignored");
        var rating = await gateway.Client.GetIpRatingAsync(Monitor);

        Assert.Equal(HttpStatusCode.Forbidden, blocked);
        Assert.Equal(HttpStatusCode.NoContent, first);
        var record = Assert.Single(audit, item => item.GetProperty("kind").GetString() == "allowlist-ignored");
        Assert.Equal(AllowlistedDecisionReporter.Cause, record.GetProperty("cause").GetString());
        Assert.Equal("block", record.GetProperty("decision").GetString());
        Assert.Single(logs.Entries, entry => entry.EventId.Id == 5602 && entry.Level == LogLevel.Warning);
        Assert.Equal("allow", rating.GetProperty("decision").GetString());
        Assert.True(rating.GetProperty("allowlisted").GetBoolean());
    }

    [Fact]
    public async Task Reload_EntryThatDoesNotParse_RefusedAndPreviousAllowlistStays()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartAsync(T0.AddHours(1).AddSeconds(30), Monitor + "/32", logs);
        await gateway.SendAsync([.. Burst(Outsider, T0.AddHours(1))]);

        // The policy options' validation also sees the reload and reports the bad entry to whoever reloaded.
        var reload = Record.Exception(() => gateway.Reconfigure(AllowlistKey, "192.0.2.999/32"));
        var monitor = await gateway.CheckAsync(Monitor);
        var outsider = await gateway.CheckAsync(Outsider);

        Assert.Contains("Kwaf:Policy:Allowlist:0", reload?.ToString(), StringComparison.Ordinal);
        Assert.Single(logs.Entries, entry => entry.EventId.Id == 5601 && entry.Level == LogLevel.Warning);
        Assert.Equal(HttpStatusCode.NoContent, monitor);
        Assert.Equal(HttpStatusCode.Forbidden, outsider);
    }

    /// <summary>
    /// Monitor events every 20 s in [<paramref name="from"/>, <paramref name="until"/>), and a check each minute, made
    /// with the clock at the minute's last event (events ahead of the clock would be clamped to it).
    /// </summary>
    private static async Task MonitorAsync(
        GatewayUnderTest gateway,
        DateTimeOffset from,
        DateTimeOffset until,
        List<(DateTimeOffset At, HttpStatusCode Status)> statuses)
    {
        for (var minute = from; minute < until; minute = minute.AddMinutes(1))
        {
            var times = Enumerable.Range(0, 3).Select(i => minute.AddSeconds(20 * i)).Where(at => at < until).ToList();
            gateway.SetClock(times[^1]);
            await gateway.SendAsync(
                [.. times.Select(at => TestEvents.Event(at, Monitor, "GET", "/healthz", 200, "Uptime-Kuma/1.23.0"))]);
            statuses.Add((times[^1], await gateway.CheckAsync(Monitor)));
        }
    }

    /// <summary>40 events with status 404 on varied paths, one every 0.75 s from <paramref name="start"/>.</summary>
    private static List<string> Burst(string ip, DateTimeOffset start)
    {
        // Only the probing rule may count these: no sensitive or login path, so the 10th 404 is the blocking one.
        return [.. Enumerable.Range(0, 40).Select(i => TestEvents.Event(
            start.AddMilliseconds(750 * i),
            ip,
            "GET",
            "/x" + (0x7f3 + (i * 7)).ToString("x", CultureInfo.InvariantCulture),
            404))];
    }

    private static async Task<List<JsonElement>> AuditOfAsync(HttpClient client, string ip)
    {
        using var response = await client.GetAsync($"/audit?ip={ip}&limit=100");
        var page = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, $"audit of {ip}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task<List<JsonElement>> AuditEventuallyAsync(HttpClient client, string ip, string kind)
    {
        var items = new List<JsonElement>();
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                items = await AuditOfAsync(client, ip);
                return items.Exists(item => item.GetProperty("kind").GetString() == kind);
            },
            KwafApiFactory.CallTimeout,
            $"a {kind} audit record for {ip}");
        return items;
    }

    private Task<GatewayUnderTest> StartAsync(
        DateTimeOffset clock,
        string? allowlist,
        CapturingLoggerProvider? logs = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kwaf:Storage:Provider"] = "Sqlite",
            ["Kwaf:Storage:DataPath"] = _data.Path,
            ["Kwaf:Policy:Detectors:Probing:Threshold"] = "10",
            ["Kwaf:Policy:Detectors:Probing:Window"] = "00:01:00",
            ["Kwaf:Policy:Detectors:Probing:Points"] = "80",
            ["Kwaf:Policy:Detectors:Probing:MaxPoints"] = "100",
            ["Kwaf:Policy:BlockDurations:0"] = "01:00:00",
        };
        if (allowlist is not null)
        {
            settings[AllowlistKey] = allowlist;
        }

        return GatewayUnderTest.StartAsync(
            clock,
            settings,
            logs is null ? null : services => services.AddSingleton<ILoggerProvider>(logs));
    }
}
