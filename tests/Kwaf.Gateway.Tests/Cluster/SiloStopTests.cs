using System.Net;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>
/// CASES C-15 against real processes: two silos sharing PostgreSQL. 12 failed logins block one IP at the 10th (test
/// policy of <see cref="TwoSiloClusterFixture"/>); then the silo holding that IP's grain stops, gracefully or by
/// SIGKILL, long before the 30 s counter write. The block must survive with the same expiry: decisions are written
/// when they are made, not on the timer; and failed logins that keep coming on the surviving silo do not extend it.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class SiloStopTests(TwoSiloClusterFixture fixture) : IClassFixture<TwoSiloClusterFixture>
{
    private const int FailedLogins = 12;
    private const int BlockingLogin = 10;
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(10);

    // Failure detection of LocalCluster declares a killed silo dead in about 8 s; a graceful stop leaves at once.
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task StopSiloGracefully_HoldingBlockedIp_BlockAndAllEventsSurvive()
    {
        var (before, after) = await BlockThenStopHostAsync("203.0.113.130", graceful: true);

        Assert.Equal((HttpStatusCode.OK, "block"), (after.Status, after.Decision));
        Assert.Equal(before.LastDecisionExpires, after.LastDecisionExpires);
        Assert.Equal(before.DecisionExpires, after.DecisionExpires);
        Assert.Equal(FailedLogins, after.TotalEvents);
    }

    [Fact]
    public async Task KillSilo_HoldingBlockedIp_BlockSurvivesWithSameExpiryAndKnockingDoesNotMoveIt()
    {
        const string ip = "203.0.113.131";
        var (before, after) = await BlockThenStopHostAsync(ip, graceful: false);

        // The restored block on the surviving silo: more failed logins keep the subject critical but do not extend it.
        using var api = new GatewayApi(fixture.Cluster.GatewayUrl);
        Assert.Equal(HttpStatusCode.Accepted, await api.PostFailedLoginsAsync([ip], FailedLogins));
        RatingSnapshot? knocked = null;
        await Polling.UntilAsync(
            async () =>
                (knocked = await api.GetRatingSnapshotAsync(ip)).TotalEvents >= after.TotalEvents + FailedLogins,
            SettleBound,
            $"{FailedLogins} more failed logins of {ip} counted on the surviving silo");

        Assert.Equal((HttpStatusCode.OK, "block"), (after.Status, after.Decision));
        Assert.Equal(before.LastDecisionExpires, after.LastDecisionExpires);
        Assert.Equal(before.DecisionExpires, after.DecisionExpires);

        // Counters are written every 30 s here, so the kill may lose the events after the decision's own write,
        // never those up to the blocking one.
        Assert.InRange(after.TotalEvents, BlockingLogin, FailedLogins);
        Assert.Equal(("block", before.DecisionExpires), (knocked!.Decision, knocked.DecisionExpires));
        Assert.Equal(before.LastDecisionExpires, knocked.LastDecisionExpires);
    }

    private async Task<(RatingSnapshot Before, RatingSnapshot After)> BlockThenStopHostAsync(string ip, bool graceful)
    {
        var cluster = fixture.Cluster;
        await StartStoppedSilosAsync(cluster);
        using var api = new GatewayApi(cluster.GatewayUrl);
        Assert.Equal(HttpStatusCode.Accepted, await api.PostFailedLoginsAsync([ip], FailedLogins));
        RatingSnapshot? before = null;
        await Polling.UntilAsync(
            async () =>
            {
                before = await api.GetRatingSnapshotAsync(ip);
                return before is { TotalEvents: FailedLogins, Decision: "block" };
            },
            SettleBound,
            $"{ip} rated with {FailedLogins} events and blocked");
        Assert.NotNull(before!.LastDecisionExpires);
        Assert.Equal(before.DecisionExpires, before.LastDecisionExpires);

        var host = await HostSiloAsync(cluster, ip);
        await (graceful ? cluster.StopSiloAsync(host) : cluster.KillSiloAsync(host));
        await Polling.UntilAsync(() => Task.FromResult(!cluster.IsSiloRunning(host)), SettleBound, "silo gone");

        RatingSnapshot? after = null;
        await Polling.UntilAnsweredAsync(
            async () => (after = await api.GetRatingSnapshotAsync(ip)).Status == HttpStatusCode.OK,
            RecoveryBound,
            $"the rating of {ip} after silo {host} stopped");
        Assert.Equal(HttpStatusCode.Forbidden, await api.CheckAsync(ip));
        await AssertAuditedAsync(api, ip);

        // A gateway started after the stop has no cached copy of the block: its cache loads it from the board.
        var freshName = graceful ? "gateway-after-stop" : "gateway-after-kill";
        using var fresh = new GatewayApi(await cluster.StartGatewayAsync(freshName));
        await Polling.UntilAsync(
            async () => await fresh.CheckAsync(ip) == HttpStatusCode.Forbidden,
            SettleBound,
            $"a fresh gateway denies {ip}");
        Assert.Equal(before.DecisionExpires, (await fresh.GetRatingSnapshotAsync(ip)).DecisionExpires);
        return (before, after!);
    }

    private async Task<int> HostSiloAsync(LocalCluster cluster, string ip)
    {
        var placement = await (await fixture.InspectorAsync()).ClientIpPlacementAsync();
        Assert.True(placement.TryGetValue("ip:" + ip, out var port), $"no active grain for {ip}");
        return Enumerable.Range(1, 2).Single(silo => cluster.IsSiloRunning(silo) && cluster.SiloPort(silo) == port);
    }

    // The audit log holds the policy decision (written by the grain's silo, read from PostgreSQL by the gateway).
    private static Task AssertAuditedAsync(GatewayApi api, string ip) =>
        Polling.UntilAnsweredAsync(
            async () => (await api.GetAuditAsync(ip)).Exists(static record => record.Kind == "decision"),
            SettleBound,
            $"the decision on {ip} in the audit log");

    // Each test stops one silo; the next one starts again with both.
    private static async Task StartStoppedSilosAsync(LocalCluster cluster)
    {
        foreach (var silo in Enumerable.Range(1, 2).Where(silo => !cluster.IsSiloRunning(silo)))
        {
            await cluster.StartSiloAsync(silo);
        }
    }
}
