using Kwaf.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

/// <summary>An observer that completes a task when a change matching a condition arrives.</summary>
internal sealed class RecordingObserver(Func<DecisionChange, bool> match) : IDecisionObserver
{
    private readonly TaskCompletionSource<DecisionChange> _matched =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<DecisionChange> Matched => _matched.Task;

    public Task OnDecisionsChangedAsync(IReadOnlyList<DecisionChange> changes)
    {
        foreach (var change in changes)
        {
            if (match(change))
            {
                _matched.TrySetResult(change);
            }
        }

        return Task.CompletedTask;
    }
}
