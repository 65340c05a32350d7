using System.Net;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Mirror;

public sealed class MirrorEndpointsTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Mirror_HeadersDescribeTheRequest_Answers204AndTheEventIsRated()
    {
        using var request = Mirrored(HttpMethod.Post, "/events/mirror/ignored", new()
        {
            ["X-Kwaf-Client-IP"] = "203.0.113.91",
            ["X-Kwaf-User"] = "mirror-u-91",
            ["X-Original-Method"] = "GET",
            ["X-Original-URI"] = "/products/7?ref=home",
            ["X-Original-Host"] = "shop.example",
        });

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await fixture.Factory.FlushAsync();
        var rating = await Client.GetIpRatingAsync("203.0.113.91");
        Assert.Equal(1, rating.GetProperty("totalEvents").GetInt64());
        Assert.Contains(
            rating.GetProperty("endpoints").EnumerateArray(),
            e => e.GetRawText().Contains("GET /products/", StringComparison.Ordinal));
        Assert.Equal(1, await UserEventsAsync("mirror-u-91"));
    }

    [Fact]
    public async Task Mirror_NoOriginalUri_TakesTheTargetAfterTheRouteAsReceived()
    {
        using var request = Mirrored(HttpMethod.Get, "/events/mirror/.env?x=1", new()
        {
            ["X-Real-IP"] = "203.0.113.92",
        });

        using var response = await SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await fixture.Factory.FlushAsync();
        var rating = await Client.GetIpRatingAsync("203.0.113.92");
        Assert.Contains(
            rating.GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "sensitive-path");
    }

    [Fact]
    public async Task Mirror_BadClientIp_Answers400ProblemNamingTheHeaderAndCountsIt()
    {
        var before = await RejectedAsync();
        using var request = Mirrored(HttpMethod.Get, "/events/mirror", new() { ["X-Kwaf-Client-IP"] = "not-an-ip" });

        using var response = await SendAsync(request);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "mirror with a bad address");
        Assert.Equal("X-Kwaf-Client-IP", problem.GetProperty("parameter").GetString());
        Assert.Equal(before + 1, await RejectedAsync());
    }

    [Fact]
    public async Task Mirror_NoClientIpHeader_Answers400NamingXKwafClientIp()
    {
        using var request = Mirrored(HttpMethod.Get, "/events/mirror/products", new());

        using var response = await SendAsync(request);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "mirror without an address");
        Assert.Equal("X-Kwaf-Client-IP", problem.GetProperty("parameter").GetString());
        Assert.Contains("missing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mirror_BadOriginalMethod_Answers400NamingXOriginalMethod()
    {
        using var request = Mirrored(HttpMethod.Get, "/events/mirror/", new()
        {
            ["X-Kwaf-Client-IP"] = "203.0.113.93",
            ["X-Original-Method"] = new string('G', 40),
        });

        using var response = await SendAsync(request);

        var problem = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.BadRequest, "mirror with a bad method");
        Assert.Equal("X-Original-Method", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Mirror_LoginPostsWithoutStatus_AreNeverCountedAsFailedLogins()
    {
        const string ip = "203.0.113.94";
        for (var i = 0; i < 8; i++)
        {
            using var request = Mirrored(HttpMethod.Post, "/events/mirror/login", new() { ["X-Kwaf-Client-IP"] = ip });
            using var response = await SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        await fixture.Factory.FlushAsync();

        var rating = await Client.GetIpRatingAsync(ip);
        Assert.Equal(8, rating.GetProperty("totalEvents").GetInt64());
        var signals = rating.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("name").GetString());
        Assert.DoesNotContain("login-brute-force", signals);
        Assert.DoesNotContain("auth-failures", signals);
        Assert.All(
            rating.GetProperty("windows").EnumerateArray(),
            w => Assert.Equal(0, w.GetProperty("authFailures").GetInt64()));
    }

    private static HttpRequestMessage Mirrored(HttpMethod method, string route, Dictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(method, route);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        Client.SendAsync(request).WaitAsync(KwafApiFactory.CallTimeout);

    private async Task<long> UserEventsAsync(string userId)
    {
        using var response = await Client.GetAsync($"/ratings?user_id={userId}");
        var rating = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, $"rating of {userId}");
        return rating.GetProperty("totalEvents").GetInt64();
    }

    private async Task<long> RejectedAsync()
    {
        using var response = await Client.GetAsync($"/events/stats");
        var stats = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "ingestion stats");
        return stats.GetProperty("rejected").GetInt64();
    }
}
