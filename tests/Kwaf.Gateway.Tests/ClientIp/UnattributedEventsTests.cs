using System.Globalization;
using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.Api.Cases;

namespace Kwaf.Gateway.Tests.ClientIp;

/// <summary>
/// Events and checks from a trusted proxy that names no client: never counted on the proxy, counted as unattributed
/// and shown in /events/stats; the user on such an event still counts. Each test has a gateway of its own.
/// </summary>
public sealed class UnattributedEventsTests
{
    private const string Proxy = "192.0.2.10";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_TrustedProxyNamingNoClient_CountedAsUnattributedAndNoSubjectForTheProxy()
    {
        await using var gateway = await StartAsync();
        await gateway.SendAsync(
            Event(0, null),
            Event(1, "192.0.2.10, ::ffff:192.0.2.10"),
            Event(2, "203.0.113.70, unknown"),
            Event(3, "198.51.100.5, _hidden"));

        var stats = await StatsAsync(gateway);
        using var proxy = await gateway.Client.GetAsync($"/ratings?ip={Proxy}");
        using var claimed = await gateway.Client.GetAsync($"/ratings?ip=203.0.113.70");

        Assert.Equal(4, stats.GetProperty("clientIp").GetProperty("unattributedEvents").GetInt64());
        Assert.Equal(4, stats.GetProperty("accepted").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, proxy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, claimed.StatusCode);
    }

    [Fact]
    public async Task Events_ManyFailedLoginsFromTheProxyItself_NeverBlockTheProxy()
    {
        await using var gateway = await StartAsync();
        await gateway.SendAsync([.. Enumerable.Range(0, 20).Select(n => Event(n, null))]);
        await gateway.Factory.SettleDecisionsAsync();

        using var check = await gateway.Client.CheckIpAsync(Proxy);
        using var list = await gateway.Client.GetAsync($"/decisions");
        var decisions = await ApiCalls.ReadJsonAsync(list, HttpStatusCode.OK, "decision list");

        Assert.Equal(HttpStatusCode.NoContent, check.StatusCode);
        Assert.Empty(decisions.EnumerateArray());
    }

    [Fact]
    public async Task Events_UnattributedWithUser_CountForTheUserWithoutTheProxyAsPeer()
    {
        await using var gateway = await StartAsync();
        await gateway.SendAsync(Event(0, null, "u-behind-proxy"), Event(1, "203.0.113.71", "u-behind-proxy"));

        using var response = await gateway.Client.GetAsync($"/ratings?user_id=u-behind-proxy");
        var user = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "rating of u-behind-proxy");

        Assert.Equal(2, user.GetProperty("totalEvents").GetInt64());
        Assert.Equal(["203.0.113.71"], user.GetProperty("peers").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Check_TrustedProxyNamingNoClient_AllowedAndCountedAsUnattributed()
    {
        await using var gateway = await StartAsync();

        using var bare = await gateway.Client.CheckIpAsync(Proxy);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/decisions/check?ip={Proxy}");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.1, unknown");
        using var unreadable = await gateway.Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);
        var stats = await StatsAsync(gateway);

        Assert.Equal(HttpStatusCode.NoContent, bare.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unreadable.StatusCode);
        Assert.Equal(2, stats.GetProperty("clientIp").GetProperty("unattributedChecks").GetInt64());
    }

    [Fact]
    public async Task Mirror_TrustedPeerWithForwardedFor_CountsTheNamedClient()
    {
        await using var gateway = await StartAsync();
        using var viaProxy = Mirror(Proxy, "198.51.100.1, 203.0.113.72");
        using var direct = Mirror("203.0.113.73", "198.51.100.2");

        using var proxied = await gateway.Client.SendAsync(viaProxy).WaitAsync(KwafApiFactory.CallTimeout);
        using var untrusted = await gateway.Client.SendAsync(direct).WaitAsync(KwafApiFactory.CallTimeout);
        await gateway.Factory.FlushAsync();
        var named = await gateway.Client.GetIpRatingAsync("203.0.113.72");
        var peer = await gateway.Client.GetIpRatingAsync("203.0.113.73");
        using var claimed = await gateway.Client.GetAsync($"/ratings?ip=198.51.100.2");

        Assert.Equal(HttpStatusCode.NoContent, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, untrusted.StatusCode);
        Assert.Equal(1, named.GetProperty("totalEvents").GetInt64());
        Assert.Equal(1, peer.GetProperty("totalEvents").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, claimed.StatusCode);
    }

    private static Dictionary<string, string?> Settings() =>
        CaseSettings.FailedLoginsBlock(5).With("Kwaf:ClientIp:TrustedProxies:0", Proxy);

    private static Task<GatewayUnderTest> StartAsync() => GatewayUnderTest.StartAsync(T0.AddSeconds(30), Settings());

    private static string Event(int second, string? forwardedFor, string? userId = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["time"] = T0.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            ["ip"] = Proxy,
            ["forwardedFor"] = forwardedFor,
            ["userId"] = userId,
            ["method"] = "POST",
            ["path"] = "/login",
            ["status"] = 401,
            ["userAgent"] = "curl/8.5.0",
        };
        return JsonSerializer.Serialize(fields);
    }

    private static HttpRequestMessage Mirror(string peer, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/events/mirror/account");
        request.Headers.TryAddWithoutValidation("X-Kwaf-Client-IP", peer);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static async Task<JsonElement> StatsAsync(GatewayUnderTest gateway)
    {
        using var response = await gateway.Client.GetAsync($"/events/stats");
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "ingestion stats");
    }
}
