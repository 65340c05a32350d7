using Kwaf.Events;
using Kwaf.Grains.Subjects;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Pipeline;

internal sealed partial class IngestionPipeline
{
    /// <summary>
    /// Rates the events of a subject that its silo had no room for (the cap on active subjects) by what it belongs
    /// to: an address by its network aggregate (IPv4 /24, IPv6 /64 by default), which is a subject of its own; a user
    /// id by its client IP, which has already counted the events and their user as a peer. Network aggregates may use
    /// the slots kept back for them; when even those are taken, the events are counted as unrated.
    /// </summary>
    private async Task FoldAsync(SubjectKey key, List<HttpEvent> events)
    {
        var fold = _routing.FoldOf(key);
        if (fold.Kind == FoldKind.CountedElsewhere)
        {
            _counters.Folded(events.Count);
            return;
        }

        if (fold.Kind == FoldKind.Unrated)
        {
            Unrated(events.Count);
            return;
        }

        var grainKey = fold.Network.ToGrainKey();
        if (!CanTakeLocally(fold.Network)
            || await _grains.Of(fold.Network.Kind, grainKey).TryIngestAsync(events).ConfigureAwait(false)
                == IngestOutcome.AtCapacity)
        {
            Unrated(events.Count);
            return;
        }

        _counters.Folded(events.Count);
    }

    /// <summary>
    /// False when the co-hosted silo is known to have no room for the subject (it is then not called).
    /// </summary>
    private bool CanTakeLocally(SubjectKey key) =>
        _localSubjects is not { } local || local.CanTake(key, SubjectGrain.IsAggregate(key));

    private void Unrated(int count)
    {
        _counters.Unrated(count);
        Log.EventsUnrated(_logger, count);
    }
}
