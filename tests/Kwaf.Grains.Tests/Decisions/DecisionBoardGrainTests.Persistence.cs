using Kwaf.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

public sealed partial class DecisionBoardGrainTests
{
    [Fact]
    public async Task Reactivation_ActiveDecision_ComesBackWithSameExpiry()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var manual = await board.AddManualDecisionAsync(BoardTestData.Manual(BoardTestData.NewIpTarget(), TenMinutes));
        var version = (await board.GetChangesAsync(-1)).Version;

        await fixture.Cluster.DeactivateAsync(board);
        var active = await board.ListActiveAsync(now.AddMinutes(5));
        var feed = await board.GetChangesAsync(-1);

        Assert.Equal([manual], active);
        Assert.Equal(now.AddMinutes(10), Assert.Single(active).Expires);
        Assert.Equal(version, feed.Version);
    }

    [Fact]
    public async Task Reactivation_AfterExpiry_DecisionNotLoadedBack()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var decision = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TimeSpan.FromMinutes(1));
        var version = await board.PublishPolicyDecisionAsync(decision);
        await fixture.Cluster.DeactivateAsync(board);
        fixture.Time.Advance(TimeSpan.FromMinutes(2));

        var feed = await board.GetChangesAsync(version);

        // The expired decision is dropped at activation and the version moves on, so a cache at the old version
        // takes a snapshot without it.
        Assert.True(feed.IsSnapshot);
        Assert.Equal(version + 1, feed.Version);
        Assert.Empty(feed.Changes);
    }

    [Fact]
    public async Task Reactivation_AfterLift_LateCopyStillIgnored()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var decision = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        await board.PublishPolicyDecisionAsync(decision);
        await board.LiftAsync(decision.Id, "ops");
        await fixture.Cluster.DeactivateAsync(board);

        var version = await board.PublishPolicyDecisionAsync(decision);

        // Publish and lift took the fresh board to version 2; the ignored copy leaves it there.
        Assert.Equal(2, version);
        Assert.Empty(await board.ListActiveAsync(now));
    }

    [Fact]
    public async Task PurgeTimer_DecisionExpired_ObserversToldOfRemoval()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var decision = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TimeSpan.FromSeconds(5));
        var observer = new RecordingObserver(change => change.Target == decision.Target && change.Decision is null);
        var reference = fixture.GrainFactory.CreateObjectReference<IDecisionObserver>(observer);
        await board.SubscribeAsync(reference);
        var published = await board.PublishPolicyDecisionAsync(decision);

        fixture.Time.Advance(TimeSpan.FromSeconds(11));
        var removal = await observer.Matched.WaitAsync(WaitLimit);

        Assert.Equal(new DecisionChange(published + 1, decision.Target, null, DecisionOrigin.Policy), removal);
        fixture.GrainFactory.DeleteObjectReference<IDecisionObserver>(reference);
    }
}
