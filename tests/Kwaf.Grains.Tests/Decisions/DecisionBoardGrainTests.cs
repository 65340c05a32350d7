using Kwaf.Decisions;
using Kwaf.Grains.Tests.TestCluster;

namespace Kwaf.Grains.Tests.Decisions;

[Collection(ClusterCollection.Name)]
public sealed partial class DecisionBoardGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    // Each test uses its own board activation (a fresh key) so tests do not see each other's decisions.
    private IDecisionBoardGrain NewBoard() =>
        fixture.GrainFactory.GetGrain<IDecisionBoardGrain>(Random.Shared.NextInt64(1_000, long.MaxValue));

    [Fact]
    public async Task PublishPolicyDecision_NewTarget_ListedActiveAndVersionIncreases()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var decision = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        var before = (await board.GetChangesAsync(-1)).Version;

        var version = await board.PublishPolicyDecisionAsync(decision);

        Assert.Equal(before + 1, version);
        Assert.Equal([decision], await board.ListActiveAsync(now));
    }

    [Fact]
    public async Task PublishPolicyDecision_NewerForSameTarget_ReplacesOlder()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var target = BoardTestData.NewIpTarget();
        var first = BoardTestData.Policy(target, now, TenMinutes, DecisionKind.Throttle);
        var second = BoardTestData.Policy(target, now.AddSeconds(5), TenMinutes, DecisionKind.Block);
        await board.PublishPolicyDecisionAsync(first);

        await board.PublishPolicyDecisionAsync(second);

        Assert.Equal([second], await board.ListActiveAsync(now));
    }

    [Fact]
    public async Task PublishPolicyDecision_OlderThanHeld_IgnoredAndVersionUnchanged()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var target = BoardTestData.NewIpTarget();
        var newer = BoardTestData.Policy(target, now, TenMinutes);
        var older = BoardTestData.Policy(target, now.AddSeconds(-30), TenMinutes);
        var version = await board.PublishPolicyDecisionAsync(newer);

        var after = await board.PublishPolicyDecisionAsync(older);

        Assert.Equal(version, after);
        Assert.Equal([newer], await board.ListActiveAsync(now));
    }

    [Fact]
    public async Task PublishPolicyDecision_LateCopyOfLiftedDecision_NotResurrected()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var decision = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        await board.PublishPolicyDecisionAsync(decision);
        await board.LiftAsync(decision.Id, "ops-key");

        await board.PublishPolicyDecisionAsync(decision);

        Assert.Empty(await board.ListActiveAsync(now));
    }

    [Fact]
    public async Task PublishPolicyDecision_NewDecisionAfterLift_Accepted()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var target = BoardTestData.NewIpTarget();
        var lifted = BoardTestData.Policy(target, now, TenMinutes);
        await board.PublishPolicyDecisionAsync(lifted);
        await board.LiftAsync(lifted.Id, "ops-key");
        var fresh = BoardTestData.Policy(target, now.AddSeconds(1), TenMinutes);

        await board.PublishPolicyDecisionAsync(fresh);

        Assert.Equal([fresh], await board.ListActiveAsync(now));
    }

    [Fact]
    public async Task LiftAsync_UnknownId_ReturnsNull()
    {
        var board = NewBoard();

        var lifted = await board.LiftAsync("m-unknown", "ops-key");

        Assert.Null(lifted);
    }

    [Fact]
    public async Task LiftAsync_ManualDecision_ReturnsItAndRecordsRemoval()
    {
        var board = NewBoard();
        var added = await board.AddManualDecisionAsync(BoardTestData.Manual(BoardTestData.NewIpTarget(), TenMinutes));
        var version = (await board.GetChangesAsync(-1)).Version;

        var lifted = await board.LiftAsync(added.Id, "ops-key");
        var feed = await board.GetChangesAsync(version);

        Assert.Equal(added, lifted);
        var change = Assert.Single(feed.Changes);
        Assert.Equal(new DecisionChange(version + 1, added.Target, null, DecisionOrigin.Manual), change);
        Assert.Empty(await board.ListActiveAsync(fixture.Time.GetUtcNow()));
    }

    [Fact]
    public async Task AddManualDecision_PolicyDecisionHeld_BothKept()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var target = BoardTestData.NewIpTarget();
        var policy = BoardTestData.Policy(target, now, TenMinutes);
        await board.PublishPolicyDecisionAsync(policy);

        var manual = await board.AddManualDecisionAsync(BoardTestData.Manual(target, TenMinutes, DecisionKind.Allow));

        var active = await board.ListActiveAsync(now);
        Assert.Equal(2, active.Count);
        Assert.Contains(policy, active);
        Assert.Contains(manual, active);
    }

    [Fact]
    public async Task AddManualDecision_ValidRequest_IdPrefixedAndExpiryFromBoardClock()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var request = BoardTestData.Manual("ip:2001:DB8::7", TimeSpan.FromHours(2));

        var decision = await board.AddManualDecisionAsync(request);

        Assert.StartsWith("m-", decision.Id, StringComparison.Ordinal);
        Assert.Equal("ip:2001:db8::7", decision.Target);
        Assert.Equal(DecisionOrigin.Manual, decision.Origin);
        Assert.Equal(now, decision.DecidedAt);
        Assert.Equal(now.AddHours(2), decision.Expires);
    }

    [Theory]
    [InlineData("ip:not-an-ip", 60, "ban", "Target")]
    [InlineData("ip:192.0.2.1", 0, "ban", "Duration")]
    [InlineData("ip:192.0.2.1", 60 * 24 * 366, "ban", "Duration")]
    [InlineData("ip:192.0.2.1", 60, "", "Reason")]
    public async Task AddManualDecision_InvalidField_ThrowsNamingField(
        string target,
        int minutes,
        string reason,
        string field)
    {
        var board = NewBoard();
        var duration = TimeSpan.FromMinutes(minutes);
        var request = new ManualDecisionRequest(target, DecisionKind.Block, duration, reason, "ops");

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => board.AddManualDecisionAsync(request));

        Assert.StartsWith($"ManualDecisionRequest.{field} ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAsync_DecisionPublished_ObserverReceivesChange()
    {
        var board = NewBoard();
        var decision = BoardTestData.Policy(BoardTestData.NewIpTarget(), fixture.Time.GetUtcNow(), TenMinutes);
        var observer = new RecordingObserver(change => change.Decision == decision);
        var reference = fixture.GrainFactory.CreateObjectReference<IDecisionObserver>(observer);
        await board.SubscribeAsync(reference);

        var version = await board.PublishPolicyDecisionAsync(decision);

        var change = await observer.Matched.WaitAsync(WaitLimit);
        Assert.Equal(version, change.Version);
        await board.UnsubscribeAsync(reference);
        fixture.GrainFactory.DeleteObjectReference<IDecisionObserver>(reference);
    }
}
