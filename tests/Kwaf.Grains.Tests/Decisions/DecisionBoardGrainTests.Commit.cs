using Kwaf.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

public sealed partial class DecisionBoardGrainTests
{
    [Fact]
    public async Task PublishPolicyDecision_ManyAtOnce_EachStoredAndPushedOnce()
    {
        const int Count = 200;
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var observer = new CollectingObserver();
        var reference = fixture.GrainFactory.CreateObjectReference<IDecisionObserver>(observer);
        await board.SubscribeAsync(reference);
        var decisions = Enumerable.Range(0, Count)
            .Select(_ => BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes))
            .ToList();

        // Sent together, so that they interleave and share commits.
        var versions = await Task.WhenAll(decisions.Select(board.PublishPolicyDecisionAsync));

        // Every change is pushed exactly once, each push in version order. Separate pushes are one-way messages and
        // may be handled out of order by the receiver, which the caches cope with by version.
        Assert.Equal(Enumerable.Range(1, Count).Select(static v => (long)v), versions.Order());
        var sentinel = await board.PublishPolicyDecisionAsync(
            BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes));
        var pushed = await observer.WaitForAsync(Count + 1).WaitAsync(WaitLimit);
        Assert.Equal(Count + 1, sentinel);
        Assert.Equal(
            Enumerable.Range(1, Count + 1).Select(static v => (long)v),
            pushed.Select(static c => c.Version).Order());
        Assert.All(
            observer.Pushes,
            static push =>
            {
                var pushedVersions = push.Select(static c => c.Version).ToList();
                Assert.Equal(pushedVersions.Order(), pushedVersions);
            });
        Assert.Subset(
            pushed.Select(static c => c.Target).ToHashSet(StringComparer.Ordinal),
            decisions.Select(static d => d.Target).ToHashSet(StringComparer.Ordinal));
        Assert.Equal(Count + 1, (await board.ListActiveAsync(now)).Count);

        // And the store holds all of them: a fresh activation reads them back.
        await fixture.Cluster.DeactivateAsync(board);
        Assert.Equal(Count + 1, (await board.ListActiveAsync(now)).Count);
        fixture.GrainFactory.DeleteObjectReference<IDecisionObserver>(reference);
    }

    [Fact]
    public async Task PublishPolicyDecision_AlreadyExpiredAmongActive_NotPushedButVersioned()
    {
        var board = NewBoard();
        var now = fixture.Time.GetUtcNow();
        var observer = new CollectingObserver();
        var reference = fixture.GrainFactory.CreateObjectReference<IDecisionObserver>(observer);
        await board.SubscribeAsync(reference);
        var active = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);
        var expired = BoardTestData.Policy(
            BoardTestData.NewIpTarget(), now - TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        var later = BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes);

        await Task.WhenAll(
            board.PublishPolicyDecisionAsync(active),
            board.PublishPolicyDecisionAsync(expired),
            board.PublishPolicyDecisionAsync(later));
        var last = await board.PublishPolicyDecisionAsync(
            BoardTestData.Policy(BoardTestData.NewIpTarget(), now, TenMinutes));

        // A replayed decision that had already expired and replaced nothing is versioned but never pushed: the three
        // others arrive, and the version of the expired one is not among them.
        var pushed = await observer.WaitForAsync(3).WaitAsync(WaitLimit);
        var expiredVersion = (await board.GetChangesAsync(0)).Changes.Single(c => c.Target == expired.Target).Version;
        Assert.Equal(4, last);
        Assert.Equal(3, pushed.Count);
        Assert.DoesNotContain(pushed, change => change.Version == expiredVersion);
        fixture.GrainFactory.DeleteObjectReference<IDecisionObserver>(reference);
    }

    /// <summary>Keeps every change pushed to it, in arrival order.</summary>
    private sealed class CollectingObserver : IDecisionObserver
    {
        private readonly List<DecisionChange> _changes = [];
        private readonly List<IReadOnlyList<DecisionChange>> _pushes = [];
        private readonly List<(int Count, TaskCompletionSource<List<DecisionChange>> Done)> _waiters = [];

        /// <summary>The pushes received, each as it came.</summary>
        public IReadOnlyList<IReadOnlyList<DecisionChange>> Pushes
        {
            get
            {
                lock (_changes)
                {
                    return [.. _pushes];
                }
            }
        }

        /// <summary>Completes with the changes so far once at least <paramref name="count"/> have arrived.</summary>
        public Task<List<DecisionChange>> WaitForAsync(int count)
        {
            lock (_changes)
            {
                var done = new TaskCompletionSource<List<DecisionChange>>(
                    TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, done));
                Release();
                return done.Task;
            }
        }

        public Task OnDecisionsChangedAsync(IReadOnlyList<DecisionChange> changes)
        {
            lock (_changes)
            {
                _changes.AddRange(changes);
                _pushes.Add([.. changes]);
                Release();
            }

            return Task.CompletedTask;
        }

        private void Release()
        {
            foreach (var (count, done) in _waiters)
            {
                if (_changes.Count >= count)
                {
                    done.TrySetResult([.. _changes]);
                }
            }
        }
    }
}
