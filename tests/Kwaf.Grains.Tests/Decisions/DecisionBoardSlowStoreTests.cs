using Kwaf.Decisions;
using Kwaf.Grains.Tests.Subjects;

namespace Kwaf.Grains.Tests.Decisions;

/// <summary>The decision board while its store is slow: a write held open by the test's storage.</summary>
[Collection(SubjectClusterCollection.Name)]
public sealed class DecisionBoardSlowStoreTests(SubjectClusterFixture fixture)
{
    private const string StateName = "decisionBoard";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Publish_WhileAWriteRuns_PollsSeeOnlyWhatIsStoredAndLaterDecisionsShareOneWrite()
    {
        var board = fixture.GrainFactory.GetGrain<IDecisionBoardGrain>(Random.Shared.NextInt64(1_000, long.MaxValue));
        var id = board.GetGrainId();
        var now = TestEvents.T0;
        var decisions = Enumerable.Range(0, 3)
            .Select(_ => BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TimeSpan.FromMinutes(10)))
            .ToList();
        fixture.Storage.HoldWrites(id);

        var first = board.PublishPolicyDecisionAsync(decisions[0]);
        await fixture.Storage.WriteWaiting(id).WaitAsync(WaitLimit);
        var second = board.PublishPolicyDecisionAsync(decisions[1]);
        var third = board.PublishPolicyDecisionAsync(decisions[2]);

        // The first decision is still being written and the others wait behind it: a poll gets none of them.
        var during = await board.GetChangesAsync(0).WaitAsync(WaitLimit);
        Assert.Equal(0, during.Version);
        Assert.Empty(during.Changes);
        Assert.False(first.IsCompleted);

        fixture.Storage.ReleaseWrites(id);
        var versions = await Task.WhenAll(first, second, third).WaitAsync(WaitLimit);

        // One write for the first, one for the two that came while it ran; then every change is there to poll.
        Assert.Equal([1L, 2L, 3L], versions.Order());
        Assert.Equal(2, fixture.Storage.WritesOf(StateName, id));
        var after = await board.GetChangesAsync(0);
        Assert.Equal(3, after.Version);
        Assert.Equal(
            decisions.Select(static d => d.Target).Order(StringComparer.Ordinal),
            after.Changes.Select(static c => c.Target).Order(StringComparer.Ordinal));
        Assert.Equal(3, fixture.Storage.Stored<DecisionBoardStateView>(StateName, id)!.Decisions.Count);
    }

    /// <summary>The stored board, read back as the JSON the store holds.</summary>
    private sealed record DecisionBoardStateView(long Version, List<Decision> Decisions);
}
