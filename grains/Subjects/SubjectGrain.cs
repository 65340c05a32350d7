using Kwaf.Decisions;
using Kwaf.Events;
using Kwaf.Grains.Audit;
using Kwaf.Grains.Storage;
using Kwaf.Index;
using Kwaf.Ratings;
using Kwaf.Subjects;
using Microsoft.Extensions.Logging;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// The grain of one rated subject. Counting, rating and deciding live in <see cref="SubjectEngine"/>; this class owns
/// persistence and messaging.
/// </summary>
/// <remarks>
/// Writes happen at three points only: at a tick every <see cref="PersistenceOptions.WriteInterval"/> when there are
/// unsaved changes (the silo's <see cref="SubjectTickSchedule"/>, not a timer per activation), on deactivation, and at
/// once when a decision is made. While the store is healthy the decision write completes before
/// <see cref="IngestAsync"/> publishes the decision, so a decision is durable before anyone hears of it (C-15). Every
/// write is bounded by <see cref="PersistenceOptions.WriteTimeout"/>: when the store fails or does not answer in time,
/// the decision is published and enforced from memory at once, the grain stays dirty and retries at its ticks with
/// backoff (C-16). A crash loses at most one write interval of counter updates, and while the store is failing, the
/// changes since its last successful write. A subject never seen is never written. On a write conflict the stored state
/// is re-read and the newer of the two is kept (more policy decisions, then later newest event, then more events); the
/// losing side's changes are dropped. Not reentrant: every call, ticks included, runs in the grain's turn. The store is
/// always handed a copy of the state, because a write that outlives its timeout may still be reading it while the grain
/// goes on counting.
/// <para>
/// Memory is bounded by <see cref="ActiveSubjects"/>: an activation takes a slot first, and one that finds no slot
/// free builds no counters, answers <see cref="IngestOutcome.AtCapacity"/> and leaves memory after its call. An
/// admitted subject that has taken no events for <c>Kwaf:Grains:IdleDeactivation</c> by the host's clock leaves
/// memory at its next tick, unless it holds a decision in force (which the decision board enforces anyway).
/// </para>
/// </remarks>
internal abstract partial class SubjectGrain : Grain, ISubjectGrain, ISubjectTicking
{
    private readonly SubjectServices _services;
    private readonly ILogger _logger;
    private SubjectEngine? _engine;
    private SubjectState _live = new();
    private GrainState<SubjectState>? _stored;
    private BoundedStateWriter? _writer;
    private SubjectKey _key;
    private RiskIndexEntry? _pendingIndexEntry;
    private bool _dirty;
    private DateTimeOffset _lastIngestAt;
    private SubjectTicket? _ticket;
    private bool _admitted;
    private bool _called;

    protected SubjectGrain(SubjectServices services, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _logger = logger;
    }

    /// <summary>The kind of subject this grain class rates.</summary>
    protected abstract SubjectKind Kind { get; }

    /// <summary>The name the state of this grain class is stored under.</summary>
    protected abstract string StateName { get; }

    private SubjectEngine Engine =>
        _engine ?? throw new InvalidOperationException($"Subject grain {this.GetPrimaryKeyString()} is not active.");

    private BoundedStateWriter Writer =>
        _writer ?? throw new InvalidOperationException($"Subject grain {this.GetPrimaryKeyString()} is not active.");

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var grainKey = this.GetPrimaryKeyString();
        if (!SubjectKey.TryParse(grainKey, out var key) || key.Value.Kind != Kind)
        {
            throw new InvalidOperationException(
                $"Subject grain key '{grainKey}' is not a valid {Kind} key; expected the form made by SubjectKey.");
        }

        _key = key.Value;
        _admitted = _services.Slots.TryAdmit(_key, aggregate: IsAggregate(_key));
        if (!_admitted)
        {
            // No counters, no ticket, no read: the refused activation only answers AtCapacity (or a rating read from
            // the store) and leaves after its call.
            return;
        }

        try
        {
            _live = await ReadStoredAsync();
        }
        catch
        {
            // Orleans does not deactivate an activation that failed to start: its slot is given back here.
            _admitted = false;
            _services.Slots.Release(_key);
            throw;
        }

        _engine = new SubjectEngine(_key, _live, _services.Policy);
        _writer = new BoundedStateWriter(_services.Writes);
        _lastIngestAt = _writer.TimeProvider.GetUtcNow();

        // The first tick falls anywhere in the second half of the interval: subjects activated together (a burst of
        // new clients, a restart) then spread their writes over half an interval instead of all writing at once.
        var firstTick = _services.Persistence.WriteInterval * (0.5 + (Random.Shared.NextDouble() / 2));
        _ticket = new SubjectTicket(this.AsReference<ISubjectTicking>());
        UpdateTicket();
        _services.Schedule.Add(_ticket, firstTick);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_admitted)
        {
            return;
        }

        // Out of the schedule before the last write, which may wait for the store: a tick meanwhile would be
        // forwarded to a new activation.
        _ticket?.Cancel();
        try
        {
            if (_dirty)
            {
                // Not bounded by the write timeout: a clean shutdown waits for the store (Orleans bounds deactivation).
                await SaveAsync(bounded: false);
            }

            // What could not be saved is lost with the activation; the grain no longer waits to retry.
            Writer.Abandon();
        }
        finally
        {
            _admitted = false;
            _services.Slots.Release(_key);
        }
    }

    /// <inheritdoc />
    public Task IngestAsync(IReadOnlyList<HttpEvent> events) => TryIngestAsync(events);

    /// <inheritdoc />
    public async Task<IngestOutcome> TryIngestAsync(IReadOnlyList<HttpEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_admitted)
        {
            DeactivateOnIdle();
            return IngestOutcome.AtCapacity;
        }

        _called = true;
        if (events.Count == 0)
        {
            return IngestOutcome.Ingested;
        }

        _lastIngestAt = Writer.TimeProvider.GetUtcNow();
        try
        {
            var levelBefore = Engine.State.IndexedLevel;
            var result = Engine.Ingest(events);
            _services.Audit.RecordIngest(_key, levelBefore, result, Engine.State, _services.Policy.Scorer);
            if (result.Skipped > 0)
            {
                Log.EventsSkipped(_logger, result.Skipped);
            }

            _dirty |= result.Skipped < events.Count;
            if (result.Decisions.Count > 0)
            {
                await SaveDecisionsAsync(result.Decisions);
            }

            await PublishPendingDecisionAsync();
            await UpdateIndexAsync(result.IndexEntry ?? _pendingIndexEntry);
        }
        finally
        {
            // Whatever happened above, the schedule learns what is now unsaved.
            UpdateTicket();
        }

        return IngestOutcome.Ingested;
    }

    /// <inheritdoc />
    public async Task<SubjectRating?> GetRatingAsync(DateTimeOffset? asOf)
    {
        if (_admitted)
        {
            _called = true;
            return Engine.RatingAt(asOf);
        }

        // A read at the cap answers from the stored state and takes no slot.
        DeactivateOnIdle();
        return new SubjectEngine(_key, await ReadStoredAsync(), _services.Policy).RatingAt(asOf);
    }

    /// <summary>
    /// Whether a key names a network aggregate (an IPv4 or IPv6 prefix) rather than one address or user.
    /// </summary>
    internal static bool IsAggregate(SubjectKey key) =>
        key.Kind == SubjectKind.Ip && key.Id.Contains('/', StringComparison.Ordinal);

    private async Task SaveDecisionsAsync(IReadOnlyList<Decision> decisions)
    {
        foreach (var decision in decisions)
        {
            Log.DecisionMade(_logger, decision.Id, decision.Kind, decision.Expires, decision.Reason);
        }

        // C-15: a healthy store holds the decision before the board (and through it any proxy) can act on it.
        // C-16: a failing or slow store costs at most the write timeout; the decision is then published from memory
        // and the write is retried at the next tick.
        var saved = await SaveAsync(bounded: true);
        if (!saved.IsWritten)
        {
            Log.DecisionPublishedUnsaved(_logger, saved.Outcome);
        }
    }

    private async Task PublishPendingDecisionAsync()
    {
        if (_live.PublishedSequence >= _live.Decisions.Sequence || _live.Decisions.LastDecision is not { } decision)
        {
            return;
        }

        try
        {
            var board = GrainFactory.GetGrain<IDecisionBoardGrain>(IDecisionBoardGrain.Key);
            await board.PublishPolicyDecisionAsync(decision);
            _live.PublishedSequence = _live.Decisions.Sequence;
            _dirty = true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept in state; it is published again at the next call or tick.
            Log.DecisionPublishFailed(_logger, exception);
        }
    }

    private async Task UpdateIndexAsync(RiskIndexEntry? entry)
    {
        if (entry is null)
        {
            return;
        }

        try
        {
            // Bounded: the index's first activation reads the store, and a locked store must not stall ingestion.
            await GrainFactory.GetGrain<IRiskIndexGrain>(IRiskIndexGrain.Key)
                .UpdateAsync(entry)
                .WaitAsync(_services.Persistence.WriteTimeout, Writer.TimeProvider);
            _pendingIndexEntry = null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept in memory only: a deactivation in between leaves the index stale until the next level change.
            _pendingIndexEntry = entry;
            Log.RiskIndexUpdateFailed(_logger, exception);
        }
    }

    /// <inheritdoc />
    public async Task TickAsync()
    {
        if (!_admitted || !_called)
        {
            // A tick that reached a subject after it left memory activated it again: it leaves at once.
            DeactivateOnIdle();
            return;
        }

        try
        {
            if (_dirty && Writer.IsAttemptDue)
            {
                await SaveAsync(bounded: true);
            }

            await PublishPendingDecisionAsync();
            await UpdateIndexAsync(_pendingIndexEntry);
        }
        finally
        {
            UpdateTicket();
        }

        EvictIfIdle();
    }

    /// <summary>Tells the schedule from when this subject has work pending and from when it may be idle.</summary>
    private void UpdateTicket()
    {
        if (_ticket is null)
        {
            return;
        }

        var unpublished = _live.PublishedSequence < _live.Decisions.Sequence
            && _live.Decisions.LastDecision is not null;
        _ticket.WorkFrom = unpublished || _pendingIndexEntry is not null ? DateTimeOffset.MinValue
            : _dirty ? Writer.NextAttemptAt
            : DateTimeOffset.MaxValue;
        _ticket.IdleFrom = _services.IdleEviction is { } idle ? _lastIngestAt + idle : DateTimeOffset.MaxValue;
    }

    /// <summary>
    /// Leaves memory once no event came for <c>Kwaf:Grains:IdleDeactivation</c> by the host's clock, so that keys of a
    /// flood give their slots back without waiting for Orleans' collector (which runs on its own clock). A subject
    /// holding a decision in force stays: its rating is what an operator reads while the decision runs.
    /// </summary>
    private void EvictIfIdle()
    {
        var now = Writer.TimeProvider.GetUtcNow();
        if (_services.IdleEviction is not { } idle || now - _lastIngestAt < idle)
        {
            return;
        }

        if (_live.Decisions.ActiveAt(now) is { } decision)
        {
            // Asked again when the decision ends, not every interval while it runs.
            _ticket!.IdleFrom = decision.Expires;
            return;
        }

        _services.Slots.Evicting();
        Log.SubjectEvicted(_logger, now - _lastIngestAt);
        _ticket!.Cancel();
        DeactivateOnIdle();
    }

    /// <summary>Writes a copy of the live state; on success the grain is clean.</summary>
    private async Task<StateWriteResult> SaveAsync(bool bounded)
    {
        if (_live.Counters.TotalEvents == 0)
        {
            _dirty = false;
            return new StateWriteResult(StateWriteOutcome.Written, null);
        }

        var result = await WriteCopyAsync(_live, bounded);
        if (result.Outcome == StateWriteOutcome.Conflict)
        {
            Log.StateConflict(_logger, result.Error!);
            result = await MergeAfterConflictAsync(bounded);
        }

        if (!Writer.IsWriting)
        {
            // The copy existed for the write alone: once no write reads it, the grain holds one state, not two.
            _stored!.State = _live;
        }

        if (result.IsWritten)
        {
            _dirty = false;
        }
        else if (result.Outcome is StateWriteOutcome.Failed or StateWriteOutcome.TimedOut)
        {
            Log.StateWriteFailed(_logger, result.Outcome, result.Error);
        }

        return result;
    }

    private Task<StateWriteResult> WriteCopyAsync(SubjectState state, bool bounded)
    {
        if (Writer.IsWriting)
        {
            // The object an earlier write may still read must not be replaced under it.
            return Task.FromResult(new StateWriteResult(StateWriteOutcome.Busy, null));
        }

        _stored!.State = _services.Copier.Copy(state);
        return bounded ? Writer.WriteBoundedAsync(WriteStoredAsync) : Writer.WriteUnboundedAsync(WriteStoredAsync);
    }

    /// <summary>
    /// Reads the stored state, or an empty one for a subject never written. The grain calls its storage itself rather
    /// than through Orleans' <c>IPersistentState</c>: that facet hangs a lifecycle, an observer and a migration
    /// participant on every activation, about 300 bytes a subject, and the grain already orders its own reads and
    /// writes (see <see cref="BoundedStateWriter"/>).
    /// </summary>
    private async Task<SubjectState> ReadStoredAsync()
    {
        _stored ??= new GrainState<SubjectState>(new SubjectState());
        await _services.Storage.ReadStateAsync(StateName, GrainContext.GrainId, _stored);
        return _stored.State ??= new SubjectState();
    }

    private Task WriteStoredAsync() => _services.Storage.WriteStateAsync(StateName, GrainContext.GrainId, _stored!);

    /// <remarks>
    /// The re-read is not bounded by the write timeout: a conflict needs a second activation of the same subject,
    /// which only a cluster membership change produces, so a conflict during a store outage is not expected; if it
    /// happens the grain waits for the store (up to the provider's command timeout).
    /// </remarks>
    private async Task<StateWriteResult> MergeAfterConflictAsync(bool bounded)
    {
        var mine = _live;
        var stored = await ReadStoredAsync();
        if (IsNewer(stored, mine))
        {
            Log.StoredStateAdopted(_logger);
            _live = _services.Copier.Copy(stored);
            _engine = new SubjectEngine(_key, _live, _services.Policy);
            return new StateWriteResult(StateWriteOutcome.Written, null);
        }

        return await WriteCopyAsync(mine, bounded);
    }

    private static bool IsNewer(SubjectState candidate, SubjectState than)
    {
        if (candidate.Decisions.Sequence != than.Decisions.Sequence)
        {
            return candidate.Decisions.Sequence > than.Decisions.Sequence;
        }

        if (candidate.Counters.LastSeen != than.Counters.LastSeen)
        {
            return candidate.Counters.LastSeen > than.Counters.LastSeen;
        }

        return candidate.Counters.TotalEvents > than.Counters.TotalEvents;
    }
}
