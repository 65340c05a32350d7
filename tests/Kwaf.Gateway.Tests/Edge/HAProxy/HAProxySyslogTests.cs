using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kwaf.Gateway.Tests.Api;
using Xunit.Abstractions;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>
/// The whole loop through HAProxy alone: its access log reaches kwaf over syslog, kwaf rates and decides, and the
/// decision comes back into HAProxy's maps.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class HAProxySyslogTests : IClassFixture<HAProxySyslogEdgeFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private readonly HAProxySyslogEdgeFixture _edge;
    private readonly ITestOutputHelper _output;

    public HAProxySyslogTests(HAProxySyslogEdgeFixture edge, ITestOutputHelper output)
    {
        _edge = edge;
        _output = output;
    }

    [Fact]
    public async Task FailedLoginsThroughHAProxy_LoggedOverSyslog_BruteForcerDeniedWithinBound()
    {
        using var attacker = _edge.Client(50);
        await WarmUpAsync();
        HttpStatusCode status = default;
        for (var i = 0; i < 6; i++)
        {
            status = await PostLoginAsync(attacker, "wrong");
        }

        var clock = Stopwatch.StartNew();

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        await ApiCalls.EventuallyAsync(
            async () => await PostLoginAsync(attacker, "correct") == HttpStatusCode.Forbidden,
            Bound,
            "brute-forcer denied 403 by HAProxy after its sixth failed login");
        var elapsed = clock.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        _output.WriteLine($"sixth failed login to first 403: {elapsed} ms");
    }

    [Fact]
    public async Task ProbesThroughHAProxy_LoggedOverSyslog_ProberDeniedWithinBound()
    {
        using var prober = _edge.Client(53);
        await WarmUpAsync();
        string[] sensitive = ["/.env", "/.git/config", "/wp-login.php", "/backup.sql", "/config.php.bak"];

        await SendAllAsync(prober, sensitive.Concat(Enumerable.Range(0, 20).Select(static n => "/missing-" + n)));

        await WaitDeniedAsync(prober, "prober");
    }

    [Fact]
    public async Task InjectionThroughHAProxy_LoggedOverSyslog_ScannerDeniedWithinBound()
    {
        using var scanner = _edge.Client(54);
        scanner.DefaultRequestHeaders.UserAgent.ParseAdd("sqlmap/1.7.2#stable");
        await WarmUpAsync();

        await SendAllAsync(
            scanner,
            [
                "/search?q=1%27%20OR%20%271%27%3D%271",
                "/products?id=1%20UNION%20SELECT%20username,password%20FROM%20users--",
                "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
            ]);

        await WaitDeniedAsync(scanner, "scanner");
    }

    [Fact]
    public async Task RequestWithUser_LoggedOverSyslog_RatedUnderTheUserTheApplicationNamed()
    {
        using var client = _edge.Client(52);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account", UriKind.Relative));
        request.Headers.Authorization = new("Bearer", "syslog-user-52");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-User-Id"), "HAProxy let X-User-Id through to the client");
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var rating = await _edge.Gateway.Client.GetAsync($"/ratings?user_id={"syslog-user-52"}");
                return rating.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(10),
            "user named by X-User-Id known to kwaf");
    }

    // A client already throttled or denied may still be sending: a decision can come before the last request.
    private static async Task SendAllAsync(HttpClient client, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative))
                .WaitAsync(KwafApiFactory.CallTimeout);
            Assert.True(
                response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                    or HttpStatusCode.TooManyRequests,
                $"GET {path} through HAProxy answered {response.StatusCode}");
        }
    }

    private async Task WaitDeniedAsync(HttpClient client, string what)
    {
        var clock = Stopwatch.StartNew();
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/products", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.Forbidden;
            },
            Bound,
            $"{what} denied 403 by HAProxy");
        var elapsed = clock.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        _output.WriteLine($"{what}: last request to first 403: {elapsed} ms");
    }

    private static async Task<HttpStatusCode> PostLoginAsync(HttpClient client, string password)
    {
        using var form = new FormUrlEncodedContent([new("user", "victim"), new("password", password)]);
        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), form)
            .WaitAsync(KwafApiFactory.CallTimeout);
        return response.StatusCode;
    }

    /// <summary>Runs the log path once (listener, parser, pipeline, rating): the bound is for a warm kwaf.</summary>
    private async Task WarmUpAsync()
    {
        using var other = _edge.Client(51);
        using var served = await other.GetAsync(new Uri("/products", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var rating = await _edge.Gateway.Client.GetAsync($"/ratings?ip={LoopbackClient.Address(51)}");
                return rating.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(15),
            "a request through HAProxy rated by kwaf");
    }
}
