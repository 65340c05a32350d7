using Kwaf.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

public sealed partial class DecisionBoardGrainTests
{
    [Fact]
    public async Task GetChangesAsync_KnownVersion_ReturnsDeltaInOrder()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var since = (await board.GetChangesAsync(-1)).Version;
        var first = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        var second = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        await board.PublishPolicyDecisionAsync(first);
        await board.PublishPolicyDecisionAsync(second);

        var feed = await board.GetChangesAsync(since);

        Assert.False(feed.IsSnapshot);
        Assert.Equal(since + 2, feed.Version);
        Assert.Equal(
            [
                new DecisionChange(since + 1, first.Target, first, DecisionOrigin.Policy),
                new DecisionChange(since + 2, second.Target, second, DecisionOrigin.Policy),
            ],
            feed.Changes);
    }

    [Fact]
    public async Task GetChangesAsync_CurrentVersion_ReturnsEmptyDelta()
    {
        var board = NewBoard();
        var version = await board.PublishPolicyDecisionAsync(
            BoardTestData.Policy(BoardTestData.NewIpTarget(), fixture.Time.GetUtcNow(), TenMinutes));

        var feed = await board.GetChangesAsync(version);

        Assert.False(feed.IsSnapshot);
        Assert.Equal(version, feed.Version);
        Assert.Empty(feed.Changes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    public async Task GetChangesAsync_UnknownVersion_ReturnsSnapshotOfActiveDecisions(long since)
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var kept = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        var lifted = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        await board.PublishPolicyDecisionAsync(kept);
        await board.PublishPolicyDecisionAsync(lifted);
        await board.LiftAsync(lifted.Id, "ops");

        var feed = await board.GetChangesAsync(since);

        // A fresh board starts at version 0: two publishes and a lift take it to 3.
        Assert.True(feed.IsSnapshot);
        Assert.Equal(3, feed.Version);
        Assert.Equal([new DecisionChange(3, kept.Target, kept, DecisionOrigin.Policy)], feed.Changes);
    }

    [Fact]
    public async Task ListActiveAsync_AtExpiry_ExcludesDecision()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var decision = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        await board.PublishPolicyDecisionAsync(decision);

        var justBefore = await board.ListActiveAsync(decision.Expires.AddTicks(-1));
        var atExpiry = await board.ListActiveAsync(decision.Expires);

        Assert.Equal([decision], justBefore);
        Assert.Empty(atExpiry);
    }

    [Fact]
    public async Task PublishPolicyDecision_AlreadyExpired_StoredButNotActive()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var replayed = BoardTestData.Policy(BoardTestData.NewIpTarget(), now.AddHours(-2), TenMinutes);
        var before = (await board.GetChangesAsync(-1)).Version;

        var version = await board.PublishPolicyDecisionAsync(replayed);

        Assert.Equal(before + 1, version);
        Assert.Empty(await board.ListActiveAsync(now));
        Assert.Empty((await board.GetChangesAsync(-1)).Changes);
    }
}
