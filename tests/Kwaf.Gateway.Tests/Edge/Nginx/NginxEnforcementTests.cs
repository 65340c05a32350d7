using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace Kwaf.Gateway.Tests.Edge.Nginx;

/// <summary>
/// The nginx template enforcing kwaf's decisions on real traffic: nginx logs each request to kwaf over syslog, kwaf
/// rates the client, and nginx's next check denies it. A client must be denied within 2 s of its last request (the
/// issue's bound): kwaf decides within milliseconds of the event, and nginx keeps a cached allow at most until the
/// end of the current clock second (the cache key holds the second).
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class NginxEnforcementTests(NginxEdgeFixture fixture, ITestOutputHelper output)
    : IClassFixture<NginxEdgeFixture>
{
    private static readonly TimeSpan DeniedWithin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LoggedWithin = TimeSpan.FromSeconds(5);

    private NginxEdge Edge => fixture.Edge;

    [Fact]
    public async Task Get_NormalClient_Served200WithTheUserHiddenAndRatedByKwaf()
    {
        using var client = Edge.Client(2);
        string[] pages = ["/", "/products", "/products/7", "/search?q=shoes", "/account"];
        var statuses = new List<HttpStatusCode>();
        var userHeaders = 0;

        for (var round = 0; round < 6; round++)
        {
            foreach (var page in pages)
            {
                using var response = await SendAsync(client, HttpMethod.Get, page, bearer: "alice");
                statuses.Add(response.StatusCode);
                userHeaders += response.Headers.Contains("X-User-Id") ? 1 : 0;
            }
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(0, userHeaders);
        await Cluster.Polling.UntilAsync(
            async () => await Edge.UserRatingAsync("alice") is { } rating
                && rating.GetProperty("totalEvents").GetInt64() >= pages.Length,
            LoggedWithin,
            "kwaf rating user alice from nginx's log lines");
    }

    [Fact]
    public async Task Get_Prober_DeniedWithinTwoSeconds()
    {
        using var client = Edge.Client(3);
        string[] paths = ["/.env", "/.git/config", "/wp-login.php", "/backup.sql", "/config.php.bak"];
        var probes = paths.Concat(Enumerable.Range(0, 20).Select(static n => "/missing-" + n));

        var waited = await SendThenWaitDeniedAsync(client, probes.Select(Get));

        Report("prober", waited);
    }

    [Fact]
    public async Task PostLogin_BruteForcer_DeniedWithinTwoSeconds()
    {
        using var client = Edge.Client(4);
        var attempts = Enumerable.Repeat((HttpMethod.Post, "/login", (string?)"user=bob&password=wrong"), 12);

        var waited = await SendThenWaitDeniedAsync(client, attempts);

        Report("brute-forcer", waited);
    }

    [Fact]
    public async Task Get_Scanner_DeniedWithinTwoSeconds()
    {
        using var client = Edge.Client(5);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("sqlmap/1.7.2#stable");
        string[] paths =
        [
            "/search?q=1%27%20OR%20%271%27%3D%271",
            "/products?id=1%20UNION%20SELECT%20username,password%20FROM%20users--",
            "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
        ];

        var waited = await SendThenWaitDeniedAsync(client, paths.Select(Get));

        Report("scanner", waited);
    }

    [Fact]
    public async Task Get_ManualThrottle_Answered429WithRetryAfter()
    {
        using var client = Edge.Client(6);
        await Edge.DecideAsync(LoopbackClient.Address(6), "throttle");

        await Edge.UntilStatusAsync(client, "/products", HttpStatusCode.TooManyRequests, DeniedWithin);
        using var response = await SendAsync(client, HttpMethod.Get, "/products");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.FromMinutes(9), $"Retry-After of a 10 min throttle: {retryAfter}");
    }

    [Fact]
    public async Task Get_BlockLifted_Served200WithinTwoSeconds()
    {
        using var client = Edge.Client(7);
        var id = await Edge.DecideAsync(LoopbackClient.Address(7), "block");
        await Edge.UntilStatusAsync(client, "/products", HttpStatusCode.Forbidden, DeniedWithin);

        await Edge.LiftAsync(id);
        var waited = await Edge.UntilStatusAsync(client, "/products", HttpStatusCode.OK, DeniedWithin);

        Report("unban", waited);
        Assert.True(waited <= DeniedWithin, $"served {waited.TotalMilliseconds} ms after the lift");
    }

    private static (HttpMethod Method, string Path, string? Form) Get(string path) => (HttpMethod.Get, path, null);

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpMethod method,
        string path,
        string? form = null,
        string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (form is not null)
        {
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(10));
    }

    // Sends every request (a client already denied is still sending: the denial may come before the last one), then
    // times from the last request to the first 403 of a plain page.
    private async Task<TimeSpan> SendThenWaitDeniedAsync(
        HttpClient client,
        IEnumerable<(HttpMethod Method, string Path, string? Form)> requests)
    {
        foreach (var (method, path, form) in requests)
        {
            using var response = await SendAsync(client, method, path, form);
            Assert.True(
                response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized
                    or HttpStatusCode.Forbidden,
                $"{method} {path} through nginx answered {response.StatusCode}");
        }

        var sinceLast = Stopwatch.StartNew();
        await Edge.UntilStatusAsync(client, "/products", HttpStatusCode.Forbidden, DeniedWithin);
        var waited = sinceLast.Elapsed;
        Assert.True(waited <= DeniedWithin, $"denied {waited.TotalMilliseconds} ms after the last request");
        return waited;
    }

    private void Report(string what, TimeSpan waited) => output.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{what}: {waited.TotalMilliseconds:F0} ms until nginx answered as kwaf decided"));
}
