using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Audit;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// A subject that keeps knocking during a ban does not extend it (5 failed logins in 60 s block for 10 min): the
/// expiry stays the instant fixed when the block was made, and a block made after it is a new decision with its own
/// id and audit record.
/// </summary>
public sealed class C11BanKnockingTests
{
    private const string Ip = "198.51.100.23";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task KnockingDuringBlock_FailedLoginsEvery10s_ExpiryAndIdUnchanged()
    {
        await using var gateway = await StartAsync();
        await gateway.SendAsync([.. Logins(T0.AddSeconds(-4), 5)]);
        var blocked = await gateway.Client.GetIpRatingAsync(Ip);

        var seen = new List<(DateTimeOffset? Expires, string? Id, HttpStatusCode Check)>();
        for (var at = T0.AddSeconds(10); at < T0.AddMinutes(10); at = at.AddSeconds(10))
        {
            gateway.SetClock(at);
            await gateway.SendAsync(TestEvents.FailedLogin(at, Ip));
            var rating = await gateway.Client.GetIpRatingAsync(Ip);
            seen.Add((Expires(rating), rating.GetProperty("decisionId").GetString(), await gateway.CheckAsync(Ip)));
        }

        var audit = await AuditEndpointsTests.ReadEventuallyAsync(gateway.Client, $"/audit?ip={Ip}&limit=100", 1);
        Assert.Equal(T0.AddMinutes(10), Expires(blocked));
        Assert.Equal(59, seen.Count);
        Assert.All(seen, step => Assert.Equal(
            (T0.AddMinutes(10), blocked.GetProperty("decisionId").GetString(), HttpStatusCode.Forbidden),
            (step.Expires, step.Id, step.Check)));
        Assert.Single(audit, item => item.GetProperty("kind").GetString() == "decision");
    }

    [Fact]
    public async Task KnockingAfterExpiry_StillFailingLogins_NewDecisionWithNewIdAndAuditRecord()
    {
        await using var gateway = await StartAsync();
        await gateway.SendAsync([.. Logins(T0.AddSeconds(-4), 5)]);
        var first = await gateway.Client.GetIpRatingAsync(Ip);

        var after = T0.AddMinutes(10).AddSeconds(1);
        gateway.SetClock(after.AddSeconds(4));
        var lapsed = await gateway.CheckAsync(Ip);
        await gateway.SendAsync([.. Logins(after, 5)]);
        var second = await gateway.Client.GetIpRatingAsync(Ip);

        var audit = await AuditEndpointsTests.ReadEventuallyAsync(gateway.Client, $"/audit?ip={Ip}&limit=100", 2);
        Assert.Equal(HttpStatusCode.NoContent, lapsed);
        Assert.Equal($"ip:{Ip}#1", first.GetProperty("decisionId").GetString());
        Assert.Equal($"ip:{Ip}#2", second.GetProperty("decisionId").GetString());
        var decidedAt = second.GetProperty("lastDecision").GetProperty("decidedAt").GetDateTimeOffset();
        Assert.InRange(decidedAt, after, after.AddSeconds(4));
        Assert.Equal(decidedAt.AddMinutes(10), Expires(second));
        Assert.Equal(
            [$"ip:{Ip}#1", $"ip:{Ip}#2"],
            audit.Where(item => item.GetProperty("kind").GetString() == "decision")
                .Select(item => item.GetProperty("decisionId").GetString())
                .Order(StringComparer.Ordinal));
    }

    private static DateTimeOffset? Expires(JsonElement rating) =>
        rating.GetProperty("decisionExpires").ValueKind == JsonValueKind.Null
            ? null
            : rating.GetProperty("decisionExpires").GetDateTimeOffset();

    private static IEnumerable<string> Logins(DateTimeOffset from, int count) =>
        Enumerable.Range(0, count).Select(i => TestEvents.FailedLogin(from.AddSeconds(i), Ip));

    private static Task<GatewayUnderTest> StartAsync() => GatewayUnderTest.StartAsync(
        T0,
        CaseSettings.FailedLoginsBlock(5).With("Kwaf:Policy:BlockDurations:0", "00:10:00"));
}
