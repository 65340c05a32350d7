using Orleans.Concurrency;

namespace Kwaf.Decisions;

/// <summary>A decision cache that the board pushes changes to as they happen.</summary>
[Alias("kwaf.IDecisionObserver")]
public interface IDecisionObserver : IGrainObserver
{
    /// <summary>
    /// Receives changes in version order. A gap in versions means the cache must catch up by polling.
    /// </summary>
    /// <param name="changes">The changes.</param>
    [OneWay]
    [Alias("OnDecisionsChanged")]
    Task OnDecisionsChangedAsync(IReadOnlyList<DecisionChange> changes);
}
