using Kwaf.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Tests.Decisions.Cache;

public sealed class DecisionCacheSynchronizerTests(BoardClusterFixture fixture) : IClassFixture<BoardClusterFixture>
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ExecuteAsync_DecisionAddedThenLifted_CacheFollowsBoth()
    {
        var cache = new DecisionCache();
        using var synchronizer = NewSynchronizer(cache, TimeSpan.FromMilliseconds(500));
        var board = fixture.Cluster.GrainFactory.GetGrain<IDecisionBoardGrain>(IDecisionBoardGrain.Key);
        await synchronizer.StartAsync(CancellationToken.None);
        await WaitUntilAsync(cache, () => cache.Version >= 0, "first snapshot");
        var request = new ManualDecisionRequest("ip:192.0.2.44", DecisionKind.Block, TimeSpan.FromHours(1), "t", "ops");

        var decision = await board.AddManualDecisionAsync(request);
        await WaitUntilAsync(cache, () => Blocks(cache), "block reaching the cache");
        await board.LiftAsync(decision.Id, "ops");
        await WaitUntilAsync(cache, () => !Blocks(cache), "lift reaching the cache");

        await synchronizer.StopAsync(CancellationToken.None);
        Assert.True(synchronizer.IsSynchronized);
        Assert.Empty(cache.Active(TimeProvider.System.GetUtcNow()));
    }

    private static bool Blocks(DecisionCache cache) =>
        cache.Check("192.0.2.44", null, TimeProvider.System.GetUtcNow()).Kind == DecisionKind.Block;

    /// <summary>Waits for a condition re-checked whenever the cache publishes a new snapshot.</summary>
    private static async Task WaitUntilAsync(DecisionCache cache, Func<bool> condition, string phase)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, EventArgs args)
        {
            if (condition())
            {
                reached.TrySetResult();
            }
        }

        cache.Changed += OnChanged;
        try
        {
            OnChanged(null, EventArgs.Empty);
            await reached.Task.WaitAsync(WaitLimit);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"Decision cache: timed out waiting for {phase}.", exception);
        }
        finally
        {
            cache.Changed -= OnChanged;
        }
    }

    private DecisionCacheSynchronizer NewSynchronizer(DecisionCache cache, TimeSpan pollInterval) =>
        new(
            cache,
            fixture.Cluster.Client,
            TimeProvider.System,
            Options.Create(new DecisionCacheOptions { PollInterval = pollInterval }),
            NullLogger<DecisionCacheSynchronizer>.Instance);
}
