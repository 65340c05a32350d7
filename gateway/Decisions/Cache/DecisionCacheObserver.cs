using Kwaf.Decisions;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>Receives the board's pushed changes and hands them to the synchronizer.</summary>
internal sealed class DecisionCacheObserver(DecisionCacheSynchronizer synchronizer) : IDecisionObserver
{
    public Task OnDecisionsChangedAsync(IReadOnlyList<DecisionChange> changes)
    {
        synchronizer.OnPushed(changes);
        return Task.CompletedTask;
    }
}
