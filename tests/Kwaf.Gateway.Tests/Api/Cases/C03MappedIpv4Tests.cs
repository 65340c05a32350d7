using System.Net;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>C-03: an IPv4-mapped IPv6 address is the IPv4 client (8 failed logins in 60 s block).</summary>
public sealed class C03MappedIpv4Tests
{
    private const string Client = "203.0.113.9";
    private const string Mapped = "::ffff:203.0.113.9";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Client)]
    [InlineData(Mapped)]
    [InlineData("0:0:0:0:0:ffff:cb00:7109")]
    public async Task Rating_AnySpelling_ReturnsTheIpv4RecordWithAllNineEvents(string spelling)
    {
        await using var gateway = await StartAndSendAsync(CaseSettings.FailedLoginsBlock(8));

        var rating = await gateway.Client.GetIpRatingAsync(spelling);

        Assert.Equal(Client, rating.GetProperty("id").GetString());
        Assert.Equal(9, rating.GetProperty("totalEvents").GetInt64());
        Assert.Equal("block", rating.GetProperty("decision").GetString());
        Assert.Equal(T0.AddSeconds(7), rating.GetProperty("lastDecision").GetProperty("decidedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Check_BothSpellings_Answer403AndNoMappedDecisionExists()
    {
        await using var gateway = await StartAndSendAsync(CaseSettings.FailedLoginsBlock(8));

        var plain = await gateway.CheckAsync(Client);
        var mapped = await gateway.CheckAsync(Mapped);
        using var list = await gateway.Client.GetAsync($"/decisions");
        var decisions = await ApiCalls.ReadJsonAsync(list, HttpStatusCode.OK, "decision list");

        Assert.Equal(HttpStatusCode.Forbidden, plain);
        Assert.Equal(HttpStatusCode.Forbidden, mapped);
        Assert.Equal("ip:" + Client, Assert.Single(decisions.EnumerateArray()).GetProperty("target").GetString());
    }

    [Fact]
    public async Task Allowlist_Ipv4Network_CoversMappedFormEvents()
    {
        var settings = CaseSettings.FailedLoginsBlock(8).With("Kwaf:Policy:Allowlist:0", "203.0.113.0/24");
        await using var gateway = await StartAndSendAsync(settings);

        var status = await gateway.CheckAsync(Mapped);
        var rating = await gateway.Client.GetIpRatingAsync(Mapped);

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.True(rating.GetProperty("allowlisted").GetBoolean());
        Assert.Equal(9, rating.GetProperty("totalEvents").GetInt64());
    }

    private static async Task<GatewayUnderTest> StartAndSendAsync(Dictionary<string, string?> settings)
    {
        var gateway = await GatewayUnderTest.StartAsync(T0.AddSeconds(8), settings);
        string[] ips = [Mapped, Client, "0:0:0:0:0:ffff:cb00:7109", Mapped, Client, Mapped, Client, Mapped, Client];
        var events = ips.Select((ip, i) => TestEvents.FailedLogin(T0.AddSeconds(i), ip)).ToArray();
        var result = await gateway.SendAsync(events);
        Assert.Equal(9, result.GetProperty("accepted").GetInt32());
        return gateway;
    }
}
