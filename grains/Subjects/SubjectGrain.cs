using Kwaf.Decisions;
using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Kwaf.Index;
using Kwaf.Ratings;
using Kwaf.Subjects;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// The grain of one rated subject. Counting, rating and deciding live in <see cref="SubjectEngine"/>; this class owns
/// persistence and messaging.
/// </summary>
/// <remarks>
/// Writes happen at three points only: on a timer every <see cref="PersistenceOptions.WriteInterval"/> when there are
/// unsaved changes, on deactivation, and at once (awaited, before <see cref="IngestAsync"/> returns) when a decision
/// is made, so a decision is durable before anyone hears of it. A crash loses at most one write interval of counter
/// updates, never a decision. A subject never seen is never written. On a write conflict the stored state is re-read
/// and the newer of the two is kept (more policy decisions, then later newest event, then more events); the losing
/// side's changes are dropped. Not reentrant: every call and timer tick runs in the grain's turn.
/// </remarks>
internal abstract partial class SubjectGrain : Grain, ISubjectGrain
{
    private readonly IPersistentState<SubjectState> _state;
    private readonly SubjectPolicy _policy;
    private readonly TimeSpan _writeInterval;
    private readonly ILogger _logger;
    private SubjectEngine? _engine;
    private SubjectKey _key;
    private RiskIndexEntry? _pendingIndexEntry;
    private bool _dirty;

    // True from the moment a decision is made until a write has stored it: nothing is published meanwhile (C-15).
    private bool _unsavedDecision;

    protected SubjectGrain(
        IPersistentState<SubjectState> state,
        IOptions<CounterOptions> counterOptions,
        IOptions<PolicyOptions> policyOptions,
        IOptions<PersistenceOptions> persistenceOptions,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(counterOptions);
        ArgumentNullException.ThrowIfNull(policyOptions);
        ArgumentNullException.ThrowIfNull(persistenceOptions);
        _state = state;
        _policy = new SubjectPolicy(counterOptions.Value, policyOptions.Value);
        _writeInterval = persistenceOptions.Value.WriteInterval;
        _logger = logger;
    }

    /// <summary>The kind of subject this grain class rates.</summary>
    protected abstract SubjectKind Kind { get; }

    private SubjectEngine Engine =>
        _engine ?? throw new InvalidOperationException($"Subject grain {this.GetPrimaryKeyString()} is not active.");

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var grainKey = this.GetPrimaryKeyString();
        if (!SubjectKey.TryParse(grainKey, out var key) || key.Value.Kind != Kind)
        {
            throw new InvalidOperationException(
                $"Subject grain key '{grainKey}' is not a valid {Kind} key; expected the form made by SubjectKey.");
        }

        _key = key.Value;
        _engine = new SubjectEngine(_key, _state.State, _policy);
        this.RegisterGrainTimer(
            static (grain, token) => grain.OnWriteTimerAsync(token),
            this,
            _writeInterval,
            _writeInterval);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.StateWriteFailed(_logger, exception);
            }
        }
    }

    /// <inheritdoc />
    public async Task IngestAsync(IReadOnlyList<HttpEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        var result = Engine.Ingest(events);
        if (result.Skipped > 0)
        {
            Log.EventsSkipped(_logger, result.Skipped);
        }

        _dirty |= result.Skipped < events.Count;
        if (result.Decisions.Count > 0)
        {
            _unsavedDecision = true;
            await WriteDecisionsAsync(result.Decisions);
        }

        await PublishPendingDecisionAsync();
        await UpdateIndexAsync(result.IndexEntry ?? _pendingIndexEntry);
    }

    /// <inheritdoc />
    public Task<SubjectRating?> GetRatingAsync(DateTimeOffset? asOf) => Task.FromResult(Engine.RatingAt(asOf));

    private async Task WriteDecisionsAsync(IReadOnlyList<Decision> decisions)
    {
        foreach (var decision in decisions)
        {
            Log.DecisionMade(_logger, decision.Id, decision.Kind, decision.Expires, decision.Reason);
        }

        // C-15: the decision must be durable before the board (and through it any proxy) can act on it. A failed
        // write propagates to the caller, and nothing is published.
        await WriteAsync();
    }

    private async Task PublishPendingDecisionAsync()
    {
        var state = _state.State;
        if (_unsavedDecision || state.PublishedSequence >= state.Decisions.Sequence || state.Decisions.LastDecision is not { } decision)
        {
            return;
        }

        try
        {
            var board = GrainFactory.GetGrain<IDecisionBoardGrain>(IDecisionBoardGrain.Key);
            await board.PublishPolicyDecisionAsync(decision);
            state.PublishedSequence = state.Decisions.Sequence;
            _dirty = true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The decision is stored; it is published again at the next call or timer tick.
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
            await GrainFactory.GetGrain<IRiskIndexGrain>(IRiskIndexGrain.Key).UpdateAsync(entry);
            _pendingIndexEntry = null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Kept in memory only: a deactivation in between leaves the index stale until the next level change.
            _pendingIndexEntry = entry;
            Log.RiskIndexUpdateFailed(_logger, exception);
        }
    }

    private async Task OnWriteTimerAsync(CancellationToken cancellationToken)
    {
        if (_dirty && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await WriteAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.StateWriteFailed(_logger, exception);
            }
        }

        await PublishPendingDecisionAsync();
        await UpdateIndexAsync(_pendingIndexEntry);
    }

    private async Task WriteAsync()
    {
        if (_state.State.Counters.TotalEvents == 0)
        {
            return;
        }

        try
        {
            await _state.WriteStateAsync();
        }
        catch (InconsistentStateException exception)
        {
            Log.StateConflict(_logger, exception);
            await MergeAfterConflictAsync();
        }

        _dirty = false;
        _unsavedDecision = false;
    }

    private async Task MergeAfterConflictAsync()
    {
        var mine = _state.State;
        await _state.ReadStateAsync();
        var stored = _state.State;
        if (IsNewer(stored, mine))
        {
            Log.StoredStateAdopted(_logger);
            _engine = new SubjectEngine(_key, stored, _policy);
            return;
        }

        _state.State = mine;
        await _state.WriteStateAsync();
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
