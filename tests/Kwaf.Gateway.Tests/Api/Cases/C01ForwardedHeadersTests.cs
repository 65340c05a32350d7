using System.Net;
using System.Text.Json;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-01: forwarded headers are believed only from trusted proxies (trusted proxies 192.0.2.10/32; 10 failed logins in
/// 60 s block the client for 1 h). Each variant runs with the header it uses configured as Kwaf:ClientIp:
/// ForwardedHeader, so that the header is ignored for the peer's sake, not because it is the wrong header.
/// </summary>
public sealed class C01ForwardedHeadersTests
{
    private const string Proxy = "192.0.2.10";
    private const string PeerA = "203.0.113.50";
    private const string ClientB = "203.0.113.51";
    private const string ClaimedB = "198.51.100.99";
    private static readonly DateTimeOffset RunA = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RunB = new(2025, 3, 10, 12, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Real-IP")]
    [InlineData("Forwarded")]
    public async Task RunA_UntrustedPeerRotatingTheHeader_CountsAndBlocksThePeerAt10thEvent(string header)
    {
        await using var gateway = await StartAsync(header);
        await gateway.SendAsync(RunAEvents(header));

        var rating = await gateway.Client.GetIpRatingAsync(PeerA);

        Assert.Equal(30, rating.GetProperty("totalEvents").GetInt64());
        Assert.Equal("block", rating.GetProperty("decision").GetString());
        var decision = rating.GetProperty("lastDecision");
        Assert.Equal(RunA.AddSeconds(18), decision.GetProperty("decidedAt").GetDateTimeOffset());
        Assert.Equal(RunA.AddSeconds(18).AddHours(1), decision.GetProperty("expires").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Real-IP")]
    [InlineData("Forwarded")]
    public async Task RunA_RotatingClaimedAddresses_GetNoCounterAndNoDecision(string header)
    {
        await using var gateway = await StartAsync(header);
        await gateway.SendAsync(RunAEvents(header));

        var unknown = new List<string>();
        for (var n = 1; n <= 30; n++)
        {
            using var response = await gateway.Client.GetAsync($"/ratings?ip=198.51.100.{n}");
            unknown.Add(response.StatusCode == HttpStatusCode.NotFound ? "none" : $"198.51.100.{n} rated");
        }

        Assert.All(unknown, outcome => Assert.Equal("none", outcome));
        Assert.Equal(["ip:" + PeerA], await DecisionTargetsAsync(gateway));
    }

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    public async Task RunB_TrustedProxyChain_CountsAndBlocksTheRightmostUntrustedAddressAt10thEvent(string header)
    {
        await using var gateway = await StartAsync(header);
        await gateway.SendAsync(RunBEvents(header));

        var rating = await gateway.Client.GetIpRatingAsync(ClientB);
        using var claimed = await gateway.Client.GetAsync($"/ratings?ip={ClaimedB}");
        using var proxy = await gateway.Client.GetAsync($"/ratings?ip={Proxy}");

        Assert.Equal(30, rating.GetProperty("totalEvents").GetInt64());
        var decidedAt = rating.GetProperty("lastDecision").GetProperty("decidedAt").GetDateTimeOffset();
        Assert.Equal(RunB.AddSeconds(9), decidedAt);
        Assert.Equal(HttpStatusCode.NotFound, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, proxy.StatusCode);
        Assert.Equal(["ip:" + ClientB], await DecisionTargetsAsync(gateway));
    }

    [Theory]
    [InlineData("X-Forwarded-For", "198.51.100.7", "198.51.100.99, 203.0.113.51")]
    [InlineData("Forwarded", "for=198.51.100.7", "for=198.51.100.99, for=203.0.113.51")]
    public async Task Checks_AfterBothRuns_Answer403For403ForResolvedAnd204ForClaimed(
        string header,
        string claimedA,
        string chainB)
    {
        await using var gateway = await StartAsync(header);
        await gateway.SendAsync([.. RunAEvents(header), .. RunBEvents(header)]);
        await gateway.Factory.SettleDecisionsAsync();

        var peerA = await CheckAsync(gateway, PeerA, header, claimedA);
        var viaProxy = await CheckAsync(gateway, Proxy, header, chainB);
        var claimed = await CheckAsync(gateway, "198.51.100.7", header, null);

        Assert.Equal(HttpStatusCode.Forbidden, peerA);
        Assert.Equal(HttpStatusCode.Forbidden, viaProxy);
        Assert.Equal(HttpStatusCode.NoContent, claimed);
    }

    [Fact]
    public async Task Checks_XRealIpVariant_HeaderFromUntrustedPeerIgnored()
    {
        await using var gateway = await StartAsync("X-Real-IP");
        await gateway.SendAsync(RunAEvents("X-Real-IP"));
        await gateway.Factory.SettleDecisionsAsync();

        var peerA = await CheckAsync(gateway, PeerA, "X-Real-IP", "198.51.100.7");
        var claimed = await CheckAsync(gateway, "198.51.100.7", "X-Real-IP", null);

        Assert.Equal(HttpStatusCode.Forbidden, peerA);
        Assert.Equal(HttpStatusCode.NoContent, claimed);
    }

    private static async Task<GatewayUnderTest> StartAsync(string header)
    {
        var settings = CaseSettings.FailedLoginsBlock(10)
            .With("Kwaf:ClientIp:TrustedProxies:0", Proxy + "/32")
            .With("Kwaf:ClientIp:ForwardedHeader", header)
            .With("Kwaf:Policy:BlockDurations:0", TimeSpan.FromHours(1).ToString("c"));
        return await GatewayUnderTest.StartAsync(RunB.AddSeconds(29), settings);
    }

    private static string[] RunAEvents(string header) =>
        [.. Enumerable.Range(1, 30).Select(n => Event(RunA.AddSeconds(2 * (n - 1)), PeerA, header, $"198.51.100.{n}"))];

    private static string[] RunBEvents(string header)
    {
        var chain = header == "Forwarded" ? $"for={ClaimedB}, for={ClientB}" : $"{ClaimedB}, {ClientB}";
        return [.. Enumerable.Range(0, 30).Select(n => Event(RunB.AddSeconds(n), Proxy, header, chain))];
    }

    /// <summary>A failed login; the claimed address travels in the event field of <paramref name="header"/>.</summary>
    private static string Event(DateTimeOffset time, string ip, string header, string claimed)
    {
        var (field, value) = header switch
        {
            "X-Real-IP" => ("realIp", claimed),
            "Forwarded" when claimed.Contains("for=", StringComparison.Ordinal) => ("forwarded", claimed),
            "Forwarded" => ("forwarded", "for=" + claimed),
            _ => ("forwardedFor", claimed),
        };
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["time"] = time.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture),
            ["ip"] = ip,
            [field] = value,
            ["method"] = "POST",
            ["host"] = "shop.example.com",
            ["path"] = "/login",
            ["status"] = 401,
            ["userAgent"] = "curl/8.5.0",
        });
    }

    private static async Task<HttpStatusCode> CheckAsync(
        GatewayUnderTest gateway,
        string ip,
        string header,
        string? value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/decisions/check?ip={Uri.EscapeDataString(ip)}");
        if (value is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await gateway.Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);
        return response.StatusCode;
    }

    private static async Task<List<string>> DecisionTargetsAsync(GatewayUnderTest gateway)
    {
        using var response = await gateway.Client.GetAsync($"/decisions");
        var decisions = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "decision list");
        return [.. decisions.EnumerateArray().Select(d => d.GetProperty("target").GetString()!)];
    }
}
