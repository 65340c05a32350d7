using System.Net;
using System.Net.Http.Json;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Tests.Api.Cases;
using Kwaf.Gateway.Tests.Audit;

namespace Kwaf.Gateway.Tests.Api;

/// <summary>
/// Shadow mode (<c>Kwaf:Policy:Shadow=true</c>, 5 failed logins in 60 s block for 10 min): the policy decides and
/// records as usual, checks answer allow and name what would have happened, manual decisions stay enforced.
/// </summary>
public sealed class ShadowModeTests
{
    private const string Ip = "198.51.100.23";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Check_ShadowPolicyBlock_Answers204WithShadowHeader()
    {
        await using var gateway = await StartAsync(shadow: true);
        await gateway.SendAsync([.. FailedLogins(Ip)]);
        await gateway.Factory.SettleDecisionsAsync();

        using var check = await gateway.Client.CheckIpAsync(Ip);

        Assert.Equal(HttpStatusCode.NoContent, check.StatusCode);
        Assert.Equal("allow", check.Header(CheckEndpoints.DecisionHeader));
        Assert.Equal("block", check.Header(CheckEndpoints.ShadowHeader));
    }

    [Fact]
    public async Task Rating_ShadowPolicyBlock_ShowsShadowDecisionButNoneEnforced()
    {
        await using var gateway = await StartAsync(shadow: true);
        await gateway.SendAsync([.. FailedLogins(Ip)]);
        await gateway.Factory.SettleDecisionsAsync();

        var rating = await gateway.Client.GetIpRatingAsync(Ip);

        Assert.Equal("allow", rating.GetProperty("decision").GetString());
        var shadow = rating.GetProperty("shadowDecision");
        Assert.Equal("block", shadow.GetProperty("kind").GetString());
        Assert.True(shadow.GetProperty("shadow").GetBoolean());
        Assert.Equal(T0.AddMinutes(10), shadow.GetProperty("expires").GetDateTimeOffset());
        Assert.True(rating.GetProperty("lastDecision").GetProperty("shadow").GetBoolean());
    }

    [Fact]
    public async Task Audit_ShadowPolicyBlock_RecordedAsShadowDecisionNotAsDecision()
    {
        await using var gateway = await StartAsync(shadow: true);
        await gateway.SendAsync([.. FailedLogins(Ip)]);

        var items = await AuditEndpointsTests.ReadEventuallyAsync(gateway.Client, $"/audit?ip={Ip}", 2);

        var shadow = Assert.Single(items, item => item.GetProperty("kind").GetString() == "shadow-decision");
        Assert.Equal("block", shadow.GetProperty("decision").GetString());
        Assert.Equal(T0.AddMinutes(10), shadow.GetProperty("expires").GetDateTimeOffset());
        Assert.DoesNotContain(items, item => item.GetProperty("kind").GetString() == "decision");
    }

    [Fact]
    public async Task Check_ManualBlockInShadowMode_IsEnforced()
    {
        await using var gateway = await StartAsync(shadow: true);
        await AuditEndpointsTests.AddManualBlockAsync(gateway.Client, Ip);

        var status = await gateway.CheckAsync(Ip);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Check_PolicyBlockWithShadowOff_Answers403WithoutShadowHeader()
    {
        await using var gateway = await StartAsync(shadow: false);
        await gateway.SendAsync([.. FailedLogins(Ip)]);
        await gateway.Factory.SettleDecisionsAsync();

        using var check = await gateway.Client.CheckIpAsync(Ip);
        var decisions = await gateway.Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/decisions");

        Assert.Equal(HttpStatusCode.Forbidden, check.StatusCode);
        Assert.False(check.Headers.Contains(CheckEndpoints.ShadowHeader));
        Assert.False(Assert.Single(decisions.EnumerateArray()).GetProperty("shadow").GetBoolean());
    }

    private static IEnumerable<string> FailedLogins(string ip) =>
        Enumerable.Range(0, 5).Select(i => TestEvents.FailedLogin(T0.AddSeconds(i - 4), ip));

    private static Task<GatewayUnderTest> StartAsync(bool shadow) => GatewayUnderTest.StartAsync(
        T0,
        CaseSettings.FailedLoginsBlock(5)
            .With("Kwaf:Policy:BlockDurations:0", "00:10:00")
            .With("Kwaf:Policy:Shadow", shadow ? "true" : "false"));
}
