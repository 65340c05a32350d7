using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kwaf.Gateway.Tests.Api;
using Xunit.Abstractions;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>
/// kwaf's decisions enforced by a real HAProxy from the maps kwaf feeds through the Runtime API, each within the
/// propagation bound of 2 s: from the call that decides (or lifts, or the expiry) to the proxy's answer changing.
/// Each test has client addresses of its own (127.0.0.N).
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class HAProxyEnforcementTests : IClassFixture<HAProxyEdgeFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private readonly HAProxyEdgeFixture _edge;
    private readonly ITestOutputHelper _output;

    public HAProxyEnforcementTests(HAProxyEdgeFixture edge, ITestOutputHelper output)
    {
        _edge = edge;
        _output = output;
    }

    [Fact]
    public async Task ManualBlock_OfClientIp_DeniedWith403WithinBound()
    {
        using var client = _edge.Client(10);
        await ExpectAsync(client, HttpStatusCode.OK, Bound, "client before the block");
        var clock = Stopwatch.StartNew();

        await _edge.DecideAsync(ForIp(10, "block"));
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound - clock.Elapsed, "blocked client");

        Report("block to first 403", clock.Elapsed);
    }

    [Fact]
    public async Task ManualThrottle_OfClientIp_DeniedWith429()
    {
        using var client = _edge.Client(11);
        var clock = Stopwatch.StartNew();

        await _edge.DecideAsync(ForIp(11, "throttle"));

        await ExpectAsync(client, (HttpStatusCode)429, Bound - clock.Elapsed, "throttled client");
    }

    [Fact]
    public async Task UserBlock_RequestWithThatBearerFromAnotherIp_Denied403WhileOthersServed()
    {
        using var client = _edge.Client(12);
        var clock = Stopwatch.StartNew();

        await _edge.DecideAsync(new { userId = "mallory-12", kind = "block", durationSeconds = 600, reason = "test" });

        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound - clock.Elapsed, "blocked user", "mallory-12");
        await ExpectAsync(client, HttpStatusCode.OK, Bound, "another user from the same address", "alice-12");
    }

    [Fact]
    public async Task CidrBlock_ClientsInsideDenied_NeighbourOutsideServed()
    {
        using var inside = _edge.Client(25);
        using var outside = _edge.Client(28);
        var clock = Stopwatch.StartNew();

        await _edge.DecideAsync(
            new { cidr = "127.0.0.24/30", kind = "block", durationSeconds = 600, reason = "test", force = true });

        await ExpectAsync(inside, HttpStatusCode.Forbidden, Bound - clock.Elapsed, "client inside the network");
        await ExpectAsync(outside, HttpStatusCode.OK, Bound, "client outside the network");
    }

    [Fact]
    public async Task Unban_DeleteDecision_ServedAgainWithinBound()
    {
        using var client = _edge.Client(13);
        var (id, _) = await _edge.DecideAsync(ForIp(13, "block"));
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "blocked client");
        var clock = Stopwatch.StartNew();

        await _edge.LiftAsync(id);
        await ExpectAsync(client, HttpStatusCode.OK, Bound - clock.Elapsed, "client after the lift");

        Report("lift to first 200", clock.Elapsed);
    }

    [Fact]
    public async Task TimedBan_Expires_ServedAgainWithinBoundOfExpiry()
    {
        using var client = _edge.Client(14);
        var (_, expires) = await _edge.DecideAsync(ForIp(14, "block", 3));
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "client under a 3 s ban");

        var untilExpiry = expires - TimeProvider.System.GetUtcNow();
        await ExpectAsync(client, HttpStatusCode.OK, untilExpiry + Bound, "client after the expiry");

        var late = TimeProvider.System.GetUtcNow() - expires;
        Report("expiry to first 200", late);
        Assert.True(late <= Bound, $"served again {late.TotalMilliseconds} ms after the expiry");
    }

    [Fact]
    public async Task HAProxyReload_MapsLoadedAgain_BlockEnforcedWithinBound()
    {
        using var client = _edge.Client(15);
        await _edge.DecideAsync(ForIp(15, "block"));
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "blocked client before the reload");
        var clock = Stopwatch.StartNew();

        await _edge.HAProxy.ReloadAsync();
        var reloaded = clock.Elapsed;
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "blocked client after the reload", fresh: true);

        Report("reload finished to first 403", clock.Elapsed - reloaded);
        var map = await _edge.HAProxy.RuntimeApiAsync($"show map {_edge.HAProxy.IpMap}");
        Assert.Contains($" {LoopbackClient.Address(15)} manual-block", map, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KwafRestart_BanExpiredWhileDown_NotEnforcedAfterAndLiveBanKept()
    {
        using var expiring = _edge.Client(16);
        using var kept = _edge.Client(18);
        var (_, expires) = await _edge.DecideAsync(ForIp(16, "block", 4));
        await _edge.DecideAsync(ForIp(18, "block"));
        await ExpectAsync(expiring, HttpStatusCode.Forbidden, Bound, "short ban before the restart");
        await ExpectAsync(kept, HttpStatusCode.Forbidden, Bound, "long ban before the restart");

        await _edge.RestartGatewayAsync(async () =>
        {
            await ApiCalls.EventuallyAsync(
                () => Task.FromResult(TimeProvider.System.GetUtcNow() > expires),
                TimeSpan.FromSeconds(10),
                "short ban expiring while kwaf is down");
            await ExpectAsync(expiring, HttpStatusCode.Forbidden, Bound, "entry left in HAProxy while kwaf is down");
        });
        var clock = Stopwatch.StartNew();

        await ExpectAsync(expiring, HttpStatusCode.OK, Bound, "expired ban after kwaf's restart", fresh: true);
        await ExpectAsync(kept, HttpStatusCode.Forbidden, Bound, "live ban after kwaf's restart", fresh: true);
        Report("kwaf ready to stale entry gone", clock.Elapsed);
    }

    [Fact]
    public async Task FailedLogins_PolicyBlock_DeniedThenManualAllowServes()
    {
        using var client = _edge.Client(42);
        var ip = LoopbackClient.Address(42);
        var now = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();

        await _edge.SendEventsAsync(
            Enumerable.Range(0, 6).Select(i => TestEvents.FailedLogin(now.AddMilliseconds(i), ip)));
        var accepted = clock.Elapsed;
        await _edge.Gateway.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, TimeSpan.FromSeconds(10));
        var decided = clock.Elapsed;
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "brute-forcer blocked by policy");
        Report("failed logins posted", accepted);
        Report("failed logins to kwaf's check denying", decided);
        Report("failed logins to HAProxy denying", clock.Elapsed);
        await _edge.DecideAsync(ForIp(42, "allow"));

        await ExpectAsync(client, HttpStatusCode.OK, Bound, "brute-forcer under a manual allow");
    }

    [Fact]
    public async Task ManualBlock_OfAllowlistedIp_StillServed()
    {
        using var allowlisted = _edge.Client(HAProxyEdgeFixture.AllowlistedOctet);
        using var canary = _edge.Client(41);
        await _edge.DecideAsync(ForIp(HAProxyEdgeFixture.AllowlistedOctet, "block"));
        await _edge.DecideAsync(ForIp(41, "block"));

        // The canary's block was pushed after the allowlisted address's: once the canary is denied, both are in.
        await ExpectAsync(canary, HttpStatusCode.Forbidden, Bound, "canary blocked after the allowlisted address");

        using var response = await allowlisted.GetAsync(new Uri("/products", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static object ForIp(int octet, string kind, long durationSeconds = 600) =>
        new { ip = LoopbackClient.Address(octet), kind, durationSeconds, reason = "edge test", force = true };

    private static async Task ExpectAsync(
        HttpClient client,
        HttpStatusCode status,
        TimeSpan within,
        string what,
        string? bearer = null,
        bool fresh = false)
    {
        await ApiCalls.EventuallyAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/products", UriKind.Relative));
                if (bearer is not null)
                {
                    request.Headers.Authorization = new("Bearer", bearer);
                }

                // After a reload the old process keeps kept-alive connections; a new one reaches the new process.
                request.Headers.ConnectionClose = fresh;
                using var response = await client.SendAsync(request);
                return response.StatusCode == status;
            },
            within < TimeSpan.Zero ? TimeSpan.Zero : within,
            $"{what} answered {(int)status} through HAProxy");
    }

    private void Report(string what, TimeSpan elapsed) =>
        _output.WriteLine($"{what}: {elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms");
}
