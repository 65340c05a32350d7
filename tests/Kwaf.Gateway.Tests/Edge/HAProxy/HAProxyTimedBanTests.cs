using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kwaf.Gateway.Tests.Api;
using Xunit.Abstractions;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>
/// Policy bans of single addresses enforced from HAProxy's stick tables, whose entries carry the ban's end: HAProxy
/// lifts such a ban on time by itself, also while kwaf is down. Each test has client addresses of its own.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class HAProxyTimedBanTests : IClassFixture<HAProxyTimedBanFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan EndBound = TimeSpan.FromSeconds(1);
    private readonly HAProxyTimedBanFixture _edge;
    private readonly ITestOutputHelper _output;

    public HAProxyTimedBanTests(HAProxyTimedBanFixture edge, ITestOutputHelper output)
    {
        _edge = edge;
        _output = output;
    }

    [Fact]
    public async Task PolicyBlock_KwafKilled_HAProxyServesAgainWithinOneSecondOfTheEnd()
    {
        using var client = _edge.Client(50);
        var (_, expires) = await BlockByPolicyAsync(50);
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "brute-forcer blocked by policy");
        Assert.Contains(TableKey(50), await ShowTableAsync("kwaf_blocks"), StringComparison.Ordinal);
        Assert.DoesNotContain($" {LoopbackClient.Address(50)} ", await ShowMapAsync(), StringComparison.Ordinal);

        var late = TimeSpan.Zero;
        await _edge.RestartGatewayAsync(async () =>
        {
            await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "ban enforced while kwaf is down");
            var untilEnd = expires - TimeProvider.System.GetUtcNow();
            Assert.True(untilEnd > TimeSpan.Zero, "the ban ended before kwaf was down; lengthen BlockDuration");
            await ExpectAsync(client, HttpStatusCode.OK, untilEnd + EndBound, "client after the end, kwaf down");
            late = TimeProvider.System.GetUtcNow() - expires;
        });

        Report("end to first 200 with kwaf down", late);
        Assert.True(late >= TimeSpan.FromMilliseconds(-50), $"served {-late.TotalMilliseconds} ms before the end");
        Assert.True(late <= EndBound, $"served again {late.TotalMilliseconds} ms after the end");
    }

    [Fact]
    public async Task PolicyBlock_Lifted_TableEntryClearedAndServed()
    {
        using var client = _edge.Client(51);
        var (ids, _) = await BlockByPolicyAsync(51);
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "brute-forcer blocked by policy");
        var clock = Stopwatch.StartNew();

        foreach (var id in ids)
        {
            await _edge.LiftAsync(id);
        }

        await ExpectAsync(client, HttpStatusCode.OK, Bound, "client after the lift");

        Report("lift to first 200", clock.Elapsed);
        Assert.DoesNotContain(TableKey(51), await ShowTableAsync("kwaf_blocks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HAProxyReload_TableEntriesSetAgain_BlockEnforcedWithRetryAfter()
    {
        using var client = _edge.Client(52);
        await BlockByPolicyAsync(52);
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "brute-forcer blocked before the reload");
        var clock = Stopwatch.StartNew();

        await _edge.HAProxy.ReloadAsync();
        var reloaded = clock.Elapsed;
        await ExpectAsync(client, HttpStatusCode.Forbidden, Bound, "brute-forcer blocked after the reload", true);

        Report("reload finished to first 403", clock.Elapsed - reloaded);
        Assert.Contains(TableKey(52), await ShowTableAsync("kwaf_blocks"), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/products", UriKind.Relative));
        request.Headers.ConnectionClose = true;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, (int)HAProxyTimedBanFixture.BlockDuration.TotalSeconds);
    }

    private static string TableKey(int octet) => $"key=::ffff:{LoopbackClient.Address(octet)} ";

    /// <summary>
    /// Six failed logins make a policy block; returns the ids of every decision on the address (a throttle may come
    /// first) and the block's end, as kwaf lists them.
    /// </summary>
    private async Task<(List<string> Ids, DateTimeOffset Expires)> BlockByPolicyAsync(int octet)
    {
        var ip = LoopbackClient.Address(octet);
        var now = TimeProvider.System.GetUtcNow();
        await _edge.SendEventsAsync(
            Enumerable.Range(0, 6).Select(i => TestEvents.FailedLogin(now.AddMilliseconds(i), ip)));
        await _edge.Gateway.Client.CheckEventuallyAsync(ip, HttpStatusCode.Forbidden, TimeSpan.FromSeconds(10));
        using var response = await _edge.Gateway.Client.GetAsync(new Uri("/decisions", UriKind.Relative));
        var list = await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "decisions in force");
        var decisions = list.EnumerateArray().Where(d => d.GetProperty("target").GetString() == $"ip:{ip}").ToList();
        var block = decisions.Single(d => d.GetProperty("kind").GetString() == "block");
        return (
            decisions.Select(d => d.GetProperty("id").GetString()!).ToList(),
            block.GetProperty("expires").GetDateTimeOffset());
    }

    private Task<string> ShowTableAsync(string table) => _edge.HAProxy.RuntimeApiAsync($"show table {table}");

    private Task<string> ShowMapAsync() => _edge.HAProxy.RuntimeApiAsync($"show map {_edge.HAProxy.IpMap}");

    private static Task ExpectAsync(
        HttpClient client,
        HttpStatusCode status,
        TimeSpan within,
        string what,
        bool fresh = false) =>
        ApiCalls.EventuallyAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/products", UriKind.Relative));
                request.Headers.ConnectionClose = fresh;
                using var response = await client.SendAsync(request);
                return response.StatusCode == status;
            },
            within < TimeSpan.Zero ? TimeSpan.Zero : within,
            $"{what} answered {(int)status} through HAProxy");

    private void Report(string what, TimeSpan elapsed) =>
        _output.WriteLine($"{what}: {elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)} ms");
}
