using Kwaf.Decisions;
using Kwaf.Events;
using Kwaf.Grains.Subjects;
using Kwaf.Ratings;
using Kwaf.Subjects;
using Microsoft.Extensions.DependencyInjection;

namespace Kwaf.Grains.Tests.Subjects;

[Collection(SubjectClusterCollection.Name)]
public sealed class SubjectGrainTests(SubjectClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static int _nextHost;

    private static string NewIp() => "203.0.113." + (Interlocked.Increment(ref _nextHost) % 250 + 1);

    private IClientIpGrain IpGrain(string ip) =>
        fixture.GrainFactory.GetGrain<IClientIpGrain>(SubjectKey.ForIp(ip).ToGrainKey());

    private static List<HttpEvent> Logins(string ip, int count) =>
        TestEvents.Series(count, TimeSpan.FromSeconds(1), (_, t) => TestEvents.FailedLogin(t, ip));

    [Fact]
    public async Task GetRatingAsync_NeverSeen_ReturnsNullAndWritesNothing()
    {
        var key = SubjectKey.ForUser("nobody-" + Guid.NewGuid()).ToGrainKey();
        var grain = fixture.GrainFactory.GetGrain<IUserGrain>(key);

        var rating = await grain.GetRatingAsync(null).WaitAsync(Timeout);

        Assert.Null(rating);
        Assert.Equal(0, fixture.Storage.WritesOf("user", grain.GetGrainId()));
    }

    [Fact]
    public async Task IngestAsync_StoreReadFailsAtActivation_GivesItsSlotBackAndWorksOnceTheStoreIsBack()
    {
        var ip = NewIp();
        var key = SubjectKey.ForIp(ip);
        var grain = IpGrain(ip);
        var slots = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<SubjectServices>().Slots;
        fixture.Storage.FailReads(grain.GetGrainId());

        await Assert.ThrowsAnyAsync<Exception>(() => grain.TryIngestAsync([TestEvents.Get(TestEvents.T0, ip)]));
        var heldWhileDown = slots.Holds(key);
        fixture.Storage.HealReads(grain.GetGrainId());
        var outcome = await grain.TryIngestAsync([TestEvents.Get(TestEvents.T0, ip)]).WaitAsync(Timeout);
        var rating = await grain.GetRatingAsync(null).WaitAsync(Timeout);

        Assert.False(heldWhileDown);
        Assert.Equal(IngestOutcome.Ingested, outcome);
        Assert.True(slots.Holds(key));
        Assert.Equal(1, rating!.TotalEvents);
    }

    [Fact]
    public async Task IngestAsync_ThenGetRating_ReturnsCountsAndSignals()
    {
        var ip = NewIp();
        var grain = IpGrain(ip);
        var events = TestEvents.Series(
            20,
            TimeSpan.FromSeconds(1),
            (i, t) => TestEvents.Get(t, ip, path: "/p" + i, status: 404));

        await grain.IngestAsync(events).WaitAsync(Timeout);
        var rating = await grain.GetRatingAsync(null).WaitAsync(Timeout);

        Assert.NotNull(rating);
        Assert.Equal(("ip", ip, 20L), (rating.Kind, rating.Id, rating.TotalEvents));
        Assert.Contains(rating.Signals, s => s.Name == "probing");
        Assert.Equal(RiskLevel.Suspicious, rating.Level);
    }

    [Fact]
    public async Task IngestAsync_ManyBatchesWithoutDecision_DoesNotWritePerEvent()
    {
        var ip = NewIp();
        var grain = IpGrain(ip);

        for (var batch = 0; batch < 10; batch++)
        {
            var offset = TimeSpan.FromSeconds(batch * 10);
            var events = TestEvents.Series(10, TimeSpan.FromSeconds(1), (_, t) => TestEvents.Get(t + offset, ip));
            await grain.IngestAsync(events).WaitAsync(Timeout);
        }

        Assert.Equal(0, fixture.Storage.WritesOf("clientIp", grain.GetGrainId()));
        Assert.Equal(100, (await grain.GetRatingAsync(null).WaitAsync(Timeout))!.TotalEvents);
    }

    [Fact]
    public async Task IngestAsync_DecisionMade_IsStoredBeforeIngestReturns()
    {
        // C-15: a decision is durable before anyone can be told about it.
        var ip = NewIp();
        var grain = IpGrain(ip);

        await grain.IngestAsync(Logins(ip, 12)).WaitAsync(Timeout);

        var stored = fixture.Storage.Stored<SubjectState>("clientIp", grain.GetGrainId());
        Assert.NotNull(stored?.Decisions.LastDecision);
        Assert.Equal(DecisionKind.Block, stored.Decisions.LastDecision.Kind);
        Assert.Equal(TestEvents.T0.AddSeconds(9).AddMinutes(10), stored.Decisions.LastDecision.Expires);
        Assert.Equal(1, fixture.Storage.WritesOf("clientIp", grain.GetGrainId()));
    }

    [Fact]
    public async Task IngestAsync_DecisionMade_ReachesDecisionBoard()
    {
        var ip = NewIp();
        var grain = IpGrain(ip);

        await grain.IngestAsync(Logins(ip, 10)).WaitAsync(Timeout);

        var board = fixture.GrainFactory.GetGrain<IDecisionBoardGrain>(IDecisionBoardGrain.Key);
        var active = await board.ListActiveAsync(TestEvents.T0.AddMinutes(1)).WaitAsync(Timeout);
        var decision = Assert.Single(active, d => d.Target == "ip:" + ip);
        Assert.Equal((DecisionKind.Block, DecisionOrigin.Policy), (decision.Kind, decision.Origin));
    }

    [Fact]
    public async Task GetRatingAsync_AfterDeactivation_ReturnsSameRatingAndExpiry()
    {
        var ip = NewIp();
        var grain = IpGrain(ip);
        var events = Logins(ip, 10);
        var step = TimeSpan.FromSeconds(1);
        events.AddRange(TestEvents.Series(5, step, (i, t) => TestEvents.Get(t.AddSeconds(20), ip, path: "/x" + i)));
        await grain.IngestAsync(events).WaitAsync(Timeout);
        var before = await grain.GetRatingAsync(null).WaitAsync(Timeout);

        await fixture.Cluster.DeactivateAsync(grain).WaitAsync(Timeout);
        var after = await grain.GetRatingAsync(null).WaitAsync(Timeout);

        Assert.NotNull(before?.Decision);
        Assert.NotNull(after);
        Assert.Equal(
            (15L, before.Score, before.Decision.Expires),
            (after.TotalEvents, after.Score, after.Decision?.Expires));
        Assert.Equal(2, fixture.Storage.WritesOf("clientIp", grain.GetGrainId()));
    }

    [Fact]
    public async Task GetRatingAsync_AfterExpiry_ShowsNoActiveBlockOnlyHistory()
    {
        // C-11: the expiry is an absolute instant; an expired block is not active, even after reactivation.
        var ip = NewIp();
        var grain = IpGrain(ip);
        await grain.IngestAsync(Logins(ip, 10)).WaitAsync(Timeout);
        await fixture.Cluster.DeactivateAsync(grain).WaitAsync(Timeout);

        var expiry = TestEvents.T0.AddSeconds(9).AddMinutes(10);
        var justBefore = await grain.GetRatingAsync(expiry.AddTicks(-1)).WaitAsync(Timeout);
        var atExpiry = await grain.GetRatingAsync(expiry).WaitAsync(Timeout);

        Assert.NotNull(justBefore?.Decision);
        Assert.Null(atExpiry?.Decision);
        Assert.Equal(justBefore.Decision.Id, atExpiry?.LastDecision?.Id);
    }

    [Fact]
    public async Task IngestAsync_AllowlistedIp_IsCountedButNeverScoredOrBlocked()
    {
        var ip = "192.0.2." + (Interlocked.Increment(ref _nextHost) % 250 + 1);
        var grain = IpGrain(ip);

        await grain.IngestAsync(Logins(ip, 30)).WaitAsync(Timeout);
        var rating = await grain.GetRatingAsync(null).WaitAsync(Timeout);

        Assert.NotNull(rating);
        Assert.True(rating.Allowlisted);
        Assert.Equal(30, rating.TotalEvents);
        Assert.Equal(RiskLevel.Ok, rating.Level);
        Assert.Empty(rating.Signals);
        Assert.Null(rating.LastDecision);
    }
}
