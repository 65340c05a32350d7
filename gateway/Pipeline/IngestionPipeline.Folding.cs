using Kwaf.Events;
using Kwaf.Grains.Subjects;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Pipeline;

internal sealed partial class IngestionPipeline
{
    private static readonly Task<IngestOutcome> NoRoom = Task.FromResult(IngestOutcome.AtCapacity);

    // Network aggregates with a fold call out, each with the batch that call carries. Guarded by itself.
    private readonly Dictionary<SubjectKey, NetworkFold> _networkFolds = [];

    /// <summary>
    /// Rates the events of a subject that its silo had no room for (the cap on active subjects) by what it belongs
    /// to: an address by its network aggregate (IPv4 /24, IPv6 /64 by default), which is a subject of its own; a user
    /// id by its client IP, which has already counted the events and their user as a peer. Network aggregates may use
    /// the slots kept back for them; when even those are taken, the events are counted as unrated. Never throws.
    /// </summary>
    private Task FoldAsync(SubjectKey key, List<HttpEvent> events)
    {
        var fold = _routing.FoldOf(key);
        switch (fold.Kind)
        {
            case FoldKind.CountedElsewhere:
                _counters.Folded(events.Count);
                return Task.CompletedTask;
            case FoldKind.Network:
                return FoldIntoNetworkAsync(fold.Network, events);
            default:
                Unrated(events.Count);
                return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Sends folded events to their network aggregate one call at a time: while a call is out, the folds that follow
    /// for the same network join one batch, which goes when that call returns. The addresses of a network are often
    /// refused together (a scan, a flood from one block); one call each, all at once, would queue hundreds of calls
    /// on an aggregate that may itself be refused, and a refused activation leaves after every call, so the queued
    /// calls would be forwarded from one leaving activation to the next until Orleans gave up on them.
    /// </summary>
    private Task FoldIntoNetworkAsync(SubjectKey network, List<HttpEvent> events)
    {
        NetworkFold fold;
        lock (_networkFolds)
        {
            if (_networkFolds.TryGetValue(network, out var inFlight))
            {
                inFlight.Next ??= new NetworkFold([]);
                inFlight.Next.Events.AddRange(events);
                return inFlight.Next.Delivered;
            }

            fold = new NetworkFold(events);
            _networkFolds.Add(network, fold);
        }

        return SendFoldsAsync(network, fold);
    }

    private async Task SendFoldsAsync(SubjectKey network, NetworkFold fold)
    {
        await DeliverFoldAsync(network, fold.Events).ConfigureAwait(false);
        NetworkFold? next;
        lock (_networkFolds)
        {
            next = fold.Next;
            if (next is null)
            {
                _networkFolds.Remove(network);
            }
            else
            {
                _networkFolds[network] = next;
            }
        }

        // The next batch is sent on its own, so that this call's round is not held by the folds of later rounds.
        if (next is not null)
        {
            _ = SendFoldsAsync(network, next);
        }

        fold.Complete();
    }

    private async Task DeliverFoldAsync(SubjectKey network, List<HttpEvent> events)
    {
        try
        {
            if (await IngestAsync(network, events).ConfigureAwait(false) == IngestOutcome.AtCapacity)
            {
                Unrated(events.Count);
                return;
            }

            _counters.Folded(events.Count);
        }
        catch (Exception ex)
        {
            _counters.DispatchFailed(events.Count);
            Log.DispatchFailed(_logger, ex, network.ToGrainKey(), events.Count);
        }
    }

    /// <summary>
    /// Gives <paramref name="events"/> to the grain of <paramref name="key"/>, or answers AtCapacity without a call
    /// when the co-hosted silo is known to have no room for it.
    /// </summary>
    private Task<IngestOutcome> IngestAsync(SubjectKey key, List<HttpEvent> events) =>
        CanTakeLocally(key) ? _grains.Of(key.Kind, key.ToGrainKey()).TryIngestAsync(events) : NoRoom;

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

    /// <summary>Folded events bound for one network aggregate in one call, and the batch that goes after it.</summary>
    private sealed class NetworkFold(List<HttpEvent> events)
    {
        private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<HttpEvent> Events { get; } = events;

        public NetworkFold? Next { get; set; }

        public Task Delivered => _delivered.Task;

        public void Complete() => _delivered.TrySetResult();
    }
}
