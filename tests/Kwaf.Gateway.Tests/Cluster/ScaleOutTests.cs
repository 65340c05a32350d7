using System.Diagnostics;
using System.Net;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>
/// Scale-out against real processes: three silos and a gateway in client mode from scripts/cluster.sh, PostgreSQL
/// grain state, Redis membership. Recovery bound under the test's failure detection settings (see
/// <see cref="LocalCluster"/>): 15 s from SIGKILL until every call succeeds again.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class ScaleOutTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KillSilo_SubjectsActiveOnIt_ComeBackWithStateAndStayBlocked()
    {
        using var api = new GatewayApi(fixture.Cluster.GatewayUrl);
        var ips = Enumerable.Range(1, 60).Select(static i => $"198.51.100.{i}").ToArray();
        Assert.Equal(HttpStatusCode.Accepted, await api.PostFailedLoginsAsync(ips, 12));
        await WaitUntilAsync(() => AllRatedAsync(api, ips, 12), SettleBound, "60 subjects rated with 12 events");

        // The documented crash loss window of counters is Kwaf:Persistence:WriteInterval (1 s here); waiting past
        // it makes the counters durable. Decisions are written when they are made and need no wait.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var (victimSilo, victims) = await PickVictimAsync(ips);
        using var load = new BackgroundLoad(api);

        await fixture.Cluster.KillSiloAsync(victimSilo);
        var sinceKill = Stopwatch.StartNew();
        await WaitUntilAsync(() => AllAnswerAsync(api, victims), RecoveryBound, "ratings answer after the kill");
        var recoveredAt = load.Elapsed;
        var recovery = sinceKill.Elapsed;
        await Task.WhenAll(victims.Select(ip => AssertBlockedWithStateAsync(api, ip)));
        var lateFailures = await load.StopAsync(recoveredAt);

        Assert.True(recovery <= RecoveryBound, $"recovery took {recovery}");
        Assert.True(lateFailures == 0, $"{lateFailures} event posts failed after the recovery at {recovery}");
    }

    [Fact]
    public async Task AddSilo_FourthSiloJoins_TakesNewActivations()
    {
        using var api = new GatewayApi(fixture.Cluster.GatewayUrl);
        var newSilo = await fixture.Cluster.AddSiloAsync();
        var newSiloPort = fixture.Cluster.SiloPort(newSilo);
        var round = 0;

        // New subjects arrive in rounds of 25 until one is placed on the new silo: the gateway learns of the
        // silo within Kwaf:Cluster:GatewayListRefreshPeriod (1 s here), and placement prefers the silo that
        // receives the call, so the first round after add-silo may still land only on the old silos.
        await WaitUntilAsync(
            async () =>
            {
                var ips = Enumerable.Range((round++ * 25) + 1, 25).Select(static i => $"2001:db8::{i:x}").ToArray();
                Assert.Equal(HttpStatusCode.Accepted, await api.PostFailedLoginsAsync(ips, 1));
                await WaitUntilAsync(() => AllRatedAsync(api, ips, 1), SettleBound, "25 new subjects rated");
                var placement = await fixture.Inspector.ClientIpPlacementAsync();
                return ips.Any(ip => placement.TryGetValue("ip:" + ip, out var port) && port == newSiloPort);
            },
            SettleBound,
            $"a new subject placed on silo {newSilo} (port {newSiloPort})");
    }

    private static async Task AssertBlockedWithStateAsync(GatewayApi api, string ip)
    {
        var rating = await api.GetRatingAsync(ip);
        Assert.Equal((HttpStatusCode.OK, 12L, "block"), rating);
        Assert.Equal(HttpStatusCode.Forbidden, await api.CheckAsync(ip));
    }

    private static async Task<bool> AllRatedAsync(GatewayApi api, string[] ips, long events)
    {
        var ratings = await Task.WhenAll(ips.Select(api.GetRatingAsync));
        return ratings.All(rating => rating.Status == HttpStatusCode.OK && rating.TotalEvents == events);
    }

    private static async Task<bool> AllAnswerAsync(GatewayApi api, IReadOnlyList<string> ips)
    {
        try
        {
            var ratings = await Task.WhenAll(ips.Select(api.GetRatingAsync));
            return ratings.All(static rating => rating.Status == HttpStatusCode.OK);
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    // Bounded waiting on a condition that another process makes true; the bound is the assertion.
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(elapsed.Elapsed < bound, $"not reached within {bound}: {what}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task<(int Silo, List<string> Subjects)> PickVictimAsync(string[] ips)
    {
        var placement = await fixture.Inspector.ClientIpPlacementAsync();
        var busiestPort = ips.Select(static ip => "ip:" + ip)
            .Where(placement.ContainsKey)
            .Select(key => placement[key])
            .GroupBy(static port => port)
            .MaxBy(static group => group.Count())!.Key;
        var silos = Directory.GetFiles(fixture.Cluster.Folder, "silo-*.ports").Length;
        var silo = Enumerable.Range(1, silos).Single(k => fixture.Cluster.SiloPort(k) == busiestPort);
        var victims = ips.Where(ip => placement.TryGetValue("ip:" + ip, out var port) && port == busiestPort)
            .ToList();
        Assert.NotEmpty(victims);
        return (silo, victims);
    }
}
