using System.Net;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-13: many one-shot addresses keep memory bounded, and the attack behind them is still rated and blocked. The
/// burst itself is <see cref="C13FloodFixture"/>.
/// </summary>
public sealed class C13CardinalityTests(C13FloodFixture flood) : IClassFixture<C13FloodFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void Burst_ActiveSubjects_NeverAboveTheCapAndTheCapWasReached()
    {
        var after = flood.ActiveAfterBurst;

        Assert.InRange(flood.MaxActiveSeen, 1, C13FloodFixture.Cap);
        Assert.InRange(after, C13FloodFixture.Cap * 9 / 10, C13FloodFixture.Cap);
    }

    [Fact]
    public async Task Burst_EveryValidEventAccepted_NewAddressesPastTheCapFoldedIntoTheirPrefix()
    {
        var stats = await StatsAsync();

        Assert.Equal(C13FloodFixture.Events, stats.GetProperty("accepted").GetInt64());
        Assert.Equal(C13FloodFixture.Events, stats.GetProperty("dispatched").GetInt64());
        Assert.Equal(0, stats.GetProperty("dispatchFailures").GetInt64());
        Assert.Equal(0, stats.GetProperty("unrated").GetInt64());
        Assert.InRange(stats.GetProperty("folded").GetInt64(), C13FloodFixture.Events * 9 / 10, C13FloodFixture.Events);
        Assert.True(stats.GetProperty("subjects").GetProperty("refused").GetInt64() > 0, "no activation was refused");
    }

    [Fact]
    public async Task Burst_EachOfThe16Prefixes_IsRatedHighAndThrottledOrBlocked()
    {
        var listed = await HighPrefixesAsync();

        for (var subnet = 0; subnet < C13FloodFixture.Prefixes; subnet++)
        {
            var prefix = C13FloodFixture.PrefixOf(subnet);
            Assert.True(listed.TryGetValue(prefix, out var item), $"{prefix} is not listed at high or above");
            Assert.Contains(item.GetProperty("level").GetString(), new[] { "high", "critical" });
            Assert.True(
                item.GetProperty("decision").GetString() is "throttle" or "block",
                $"{prefix} is neither throttled nor blocked: {item}");
        }
    }

    [Fact]
    public async Task Check_FreshAddressInsideABlockedPrefix_Answers403()
    {
        await flood.Gateway.Client.CheckEventuallyAsync(
            "2001:db8:1:3:ffff:ffff:ffff:fffe",
            HttpStatusCode.Forbidden,
            Bound);

        Assert.Equal(HttpStatusCode.NoContent, await flood.Gateway.CheckAsync("2001:db8:2:3::1"));
    }

    [Fact]
    public async Task Burst_KeylessEvents_EachRejectedWithFieldIpAndAReasonAndCounted()
    {
        var stats = await StatsAsync();
        var reasons = stats.GetProperty("rejectedByReason");
        var reported = new Dictionary<string, int>();

        for (var batch = 0; batch < C13FloodFixture.Batches; batch++)
        {
            var answer = flood.BatchAnswers[batch];
            var errors = answer.GetProperty("errors").EnumerateArray().ToList();
            Assert.Equal(C13FloodFixture.Events / C13FloodFixture.Batches, answer.GetProperty("accepted").GetInt32());
            Assert.Equal(batch < C13FloodFixture.KeylessBatches ? 1 : 0, errors.Count);
            if (errors.Count == 1)
            {
                Assert.Equal(C13FloodFixture.KeylessLine, errors[0].GetProperty("index").GetInt64());
                Assert.Equal("ip", errors[0].GetProperty("field").GetString());
                var reason = errors[0].GetProperty("reason").GetString()!;
                Assert.False(string.IsNullOrWhiteSpace(reason));
                reported["ip: " + reason] = reported.GetValueOrDefault("ip: " + reason) + 1;
            }
        }

        Assert.Equal(C13FloodFixture.KeylessBatches, stats.GetProperty("rejected").GetInt64());
        Assert.Equal(2, reported.Count);
        foreach (var (key, count) in reported)
        {
            Assert.Equal(count, reasons.GetProperty(key).GetInt64());
        }
    }

    [Fact]
    public async Task ClockAdvanced120s_IdleKeysEvicted_OnlyThePrefixesHoldingDecisionsRemain()
    {
        flood.Gateway.Factory.Time.Advance(TimeSpan.FromSeconds(120));

        await ApiCalls.EventuallyAsync(
            () => Task.FromResult(flood.Subjects.Active == C13FloodFixture.Prefixes),
            Bound,
            $"active subjects falling to the {C13FloodFixture.Prefixes} prefixes (now {flood.Subjects.Active})");
        var listed = await HighPrefixesAsync();

        Assert.Equal(C13FloodFixture.Prefixes, listed.Count);
        Assert.True((await StatsAsync()).GetProperty("subjects").GetProperty("evicted").GetInt64() > 0);
    }

    private async Task<JsonElement> StatsAsync()
    {
        using var response = await flood.Gateway.Client.GetAsync("/events/stats");
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "GET /events/stats");
    }

    private async Task<Dictionary<string, JsonElement>> HighPrefixesAsync()
    {
        using var response = await flood.Gateway.Client.GetAsync("/ratings?kind=ip&min_score=60&limit=100");
        var page = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "GET /ratings list");
        return page.GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("id").GetString()!, item => item);
    }
}
