using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Cluster;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared.Postgres;

namespace Kwaf.Gateway.Tests.EndToEnd;

/// <summary>
/// C-11, run 2 (kill -9), on the gateway run as a process with the real clock, with the embedded SQLite store and with
/// PostgreSQL: 5 failed logins in 60 s block for 600 s. The block's expiry is an absolute instant (event time plus
/// 600 s), so the test places the logins in the past to make the block end a little after the restart: the restored
/// block answers 403 until that instant and 204 after it, and a block that expired while kwaf was down is not applied
/// again. The exact-second checks of the case (12:39:59 and 12:40:01) run on a fake clock in
/// <c>C11BlockExpiryRestartTests</c>; here only instants are compared exactly, never durations.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(ProcessTestsCollection.Name)]
public sealed class C11KillRestartTests : IAsyncLifetime
{
    private const string Ip = "198.51.100.23";
    private static readonly TimeSpan BlockLength = TimeSpan.FromSeconds(600);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    // Long enough for a kill and a restart on a loaded 2-core machine (a start takes 5-30 s there).
    private static readonly TimeSpan RemainingAtBlock = TimeSpan.FromSeconds(75);

    private readonly TempFolder _data = new();
    private PostgresDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _data.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task KillNine_ActiveBlock_RestoredWithSameExpiryAndEndsAtIt(string store)
    {
        var settings = await SettingsAsync(store);
        var expires = WholeSecondsFromNow(RemainingAtBlock);
        var before = await BlockThenKillAsync(settings, expires);

        await using var restarted = await GatewayProcess.StartAsync(_data.Path, settings);
        var restored = await restarted.Client.GetIpRatingAsync(Ip);
        using var during = await restarted.Client.CheckIpAsync(Ip);
        var checkedAt = TimeProvider.System.GetUtcNow();
        await Polling.UntilAsync(
            () => Task.FromResult(TimeProvider.System.GetUtcNow() > expires.AddSeconds(1)),
            RemainingAtBlock + Settle,
            "the wall clock passing the block's expiry");
        using var after = await restarted.Client.CheckIpAsync(Ip);
        var ended = await restarted.Client.GetIpRatingAsync(Ip);

        Assert.Equal(expires, before);
        Assert.True(checkedAt < expires, $"the restart took until {checkedAt:O}, after the expiry {expires:O}");
        Assert.Equal(before, restored.GetProperty("decisionExpires").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, during.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
        Assert.Equal("allow", ended.GetProperty("decision").GetString());
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("decisionExpires").ValueKind);
        Assert.Equal(before, ended.GetProperty("lastDecision").GetProperty("expires").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task KillNine_BlockExpiredWhileDown_NotAppliedAgain(string store)
    {
        var settings = await SettingsAsync(store);
        var expires = WholeSecondsFromNow(TimeSpan.FromSeconds(5));
        var before = await BlockThenKillAsync(settings, expires);
        await Polling.UntilAsync(
            () => Task.FromResult(TimeProvider.System.GetUtcNow() > expires.AddSeconds(1)),
            Settle,
            "the wall clock passing the block's expiry");

        await using var restarted = await GatewayProcess.StartAsync(_data.Path, settings);
        using var check = await restarted.Client.CheckIpAsync(Ip);
        using var list = await restarted.Client.GetAsync(new Uri("/decisions", UriKind.Relative));
        var decisions = await ApiCalls.ReadJsonAsync(list, HttpStatusCode.OK, "decisions after restart");
        var rating = await restarted.Client.GetIpRatingAsync(Ip);

        Assert.Equal(expires, before);
        Assert.Equal(HttpStatusCode.NoContent, check.StatusCode);
        Assert.Empty(decisions.EnumerateArray());
        Assert.Equal("allow", rating.GetProperty("decision").GetString());
        Assert.Equal(before, rating.GetProperty("lastDecision").GetProperty("expires").GetDateTimeOffset());
    }

    /// <summary>
    /// Starts the gateway, sends 5 failed logins whose last one is <see cref="BlockLength"/> before
    /// <paramref name="expires"/>, waits until the block is recorded, kills the process and returns the block's expiry.
    /// </summary>
    private async Task<DateTimeOffset> BlockThenKillAsync(Dictionary<string, string> settings, DateTimeOffset expires)
    {
        await using var gateway = await GatewayProcess.StartAsync(_data.Path, settings);
        var last = expires - BlockLength;
        var logins = Enumerable.Range(0, 5).Select(i => TestEvents.FailedLogin(last.AddSeconds(i - 4), Ip));
        using (var response = await gateway.Client.PostEventsAsync(TestEvents.Lines(logins), ApiCalls.Ndjson))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        DateTimeOffset? decided = null;
        await Polling.UntilAsync(
            async () =>
            {
                using var response = await gateway.Client.GetAsync(new Uri($"/ratings?ip={Ip}", UriKind.Relative));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                var rating = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, $"rating of {Ip}");
                var lastDecision = rating.GetProperty("lastDecision");
                decided = lastDecision.ValueKind == JsonValueKind.Object
                    ? lastDecision.GetProperty("expires").GetDateTimeOffset()
                    : null;
                return decided is not null;
            },
            Settle,
            $"the block of {Ip} recorded");
        await gateway.KillAsync();
        return decided!.Value;
    }

    /// <summary>Event times travel in whole seconds, so the expected expiry is one too.</summary>
    private static DateTimeOffset WholeSecondsFromNow(TimeSpan later)
    {
        var at = TimeProvider.System.GetUtcNow() + later;
        return at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
    }

    private async Task<Dictionary<string, string>> SettingsAsync(string store)
    {
        var settings = new Dictionary<string, string>
        {
            ["Kwaf:Policy:Detectors:LoginBruteForce:Threshold"] = "5",
            ["Kwaf:Policy:Detectors:LoginBruteForce:Window"] = "00:01:00",
            ["Kwaf:Policy:BlockDurations:0"] = "00:10:00",

            // Only the write made with the decision can save it before the kill.
            ["Kwaf:Persistence:WriteInterval"] = "00:10:00",
        };
        if (store == "PostgreSql")
        {
            _database = await PostgresDatabase.CreateAsync();
            settings["Kwaf:Storage:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Postgres"] = _database.ConnectionString;
            settings["Kwaf:Cluster:ServiceId"] = "s-" + Guid.NewGuid().ToString("N");
        }

        return settings;
    }
}
