using Kwaf.Decisions;
using Kwaf.Grains.Audit;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Storage;
using Kwaf.Grains.Subjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Kwaf.Grains.Decisions;

/// <summary>
/// The cluster's decisions in force. A change is written to the store and then pushed to observers before the call
/// that made it returns, so while the store is healthy an acknowledged change survives a crash and no cache acts on
/// a change the store does not hold (C-15). Changes are committed in groups: policy decisions interleave, and those
/// that arrive while a write runs share the next write and the next push, so a wave of decisions (a botnet crossing
/// the threshold together) costs a few writes of the board rather than one each, and no caller waits behind a queue
/// of writes. Each write waits at most <see cref="PersistenceOptions.WriteTimeout"/>: when the store fails or is
/// slow, observers are told and the call returns anyway, the board stays dirty and retries on a timer every
/// <see cref="PersistenceOptions.WriteInterval"/> with backoff (C-16), so caches never wait on a failing store; a
/// crash in that time loses the unsaved changes. The change log and the subscriptions live in memory only, and
/// callers that lost them get a snapshot and re-subscribe. Every state change happens within one turn, before the
/// first await, so interleaving never sees a half-made change.
/// </summary>
/// <remarks>
/// Rules: a target holds at most one policy and one manual decision; a policy decision replaces the target's policy
/// decision unless it was decided earlier than the one held (a late copy) or it is a copy of a lifted decision (same
/// target and id, decided no later than the lift; lifts are remembered until the lifted decision would have expired).
/// A policy decision that has already expired when published (replayed logs) is stored and versioned like any other,
/// so caches drop whatever it replaced, but it is pushed to observers only when it replaced a decision: it never
/// applies, and the purge removes it.
/// </remarks>
internal sealed partial class DecisionBoardGrain : Grain, IDecisionBoardGrain
{
    /// <summary>How many changes the in-memory log keeps for delta reads.</summary>
    internal const int ChangeLogCapacity = 10_000;

    /// <summary>How often expired decisions and lift records are purged.</summary>
    internal static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long a subscription lasts without renewal.</summary>
    internal static readonly TimeSpan SubscriptionExpiry = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<DecisionBoardState> _state;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DecisionBoardGrain> _logger;
    private readonly ObserverManager<IDecisionObserver> _observers;
    private readonly DecisionChangeLog _changeLog = new(ChangeLogCapacity);
    private readonly Dictionary<(string Target, DecisionOrigin Origin), Decision> _slots = [];
    private readonly Dictionary<string, Decision> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DecisionLift> _lifts = new(StringComparer.Ordinal);
    private readonly PersistenceOptions _persistence;

    // Versions of changes not to push (a policy decision that had already expired and replaced none).
    private readonly HashSet<long> _quietVersions = [];
    private BoundedStateWriter? _writer;
    private long _version;
    private bool _dirty;

    // The commit under way (a write and then a push), and the version up to which changes have been committed.
    private Task _committing = Task.CompletedTask;
    private long _committedVersion;
    private IAuditSink _audit = NullAuditSink.Instance;

    public DecisionBoardGrain(
        [PersistentState("decisionBoard", "decisions")] IPersistentState<DecisionBoardState> state,
        TimeProvider timeProvider,
        IOptions<PersistenceOptions> persistenceOptions,
        ILogger<DecisionBoardGrain> logger)
    {
        ArgumentNullException.ThrowIfNull(persistenceOptions);
        _state = state;
        _timeProvider = timeProvider;
        _persistence = persistenceOptions.Value;
        _logger = logger;
        _observers = new ObserverManager<IDecisionObserver>(SubscriptionExpiry, logger)
        {
            GetDateTime = () => timeProvider.GetUtcNow().UtcDateTime,
        };
    }

    private long Version => _version;

    private BoundedStateWriter Writer =>
        _writer ?? throw new InvalidOperationException("The decision board is not active.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _writer = new BoundedStateWriter(
            KwafStorageNames.Decisions,
            ServiceProvider.GetService<StorageHealth>() ?? StorageHealth.Detached,
            _timeProvider,
            _persistence.WriteTimeout,
            _persistence.WriteInterval,
            _persistence.MaxRetryBackoff);
        var now = _timeProvider.GetUtcNow();
        _version = _state.State.Version;
        var dropped = LoadState(now);
        if (dropped)
        {
            // Moving the version on makes every cache that saw the dropped decisions take a snapshot.
            _version++;
            await SaveAsync(bounded: true);
        }

        _changeLog.Reset(Version);
        _committedVersion = Version;
        _audit = ServiceProvider.GetService<IAuditSink>() ?? NullAuditSink.Instance;
        // Kept active: reactivating the board would read the store, and while the store is locked or slow that read
        // would hold up every decision and every cache poll (C-16).
        this.RegisterGrainTimer(
            PurgeAsync,
            new GrainTimerCreationOptions(PurgeInterval, PurgeInterval) { KeepAlive = true });
        this.RegisterGrainTimer(RetryWriteAsync, _persistence.WriteInterval, _persistence.WriteInterval);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            // Not bounded by the write timeout: a clean shutdown waits for the store (Orleans bounds deactivation).
            await SaveAsync(bounded: false);
        }

        Writer.Abandon();
    }

    /// <inheritdoc />
    public async Task<long> PublishPolicyDecisionAsync(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var candidate = CheckPolicyDecision(decision);
        if (IsSuppressed(candidate))
        {
            // The decision held may still be on its way to the store: the caller hears back once it is there.
            await CommitAsync();
            return _committedVersion;
        }

        var now = _timeProvider.GetUtcNow();
        var replaced = _slots.GetValueOrDefault((candidate.Target, DecisionOrigin.Policy));
        var change = Store(candidate);
        if (!candidate.IsActiveAt(now) && replaced?.IsActiveAt(now) != true)
        {
            _quietVersions.Add(change.Version);
        }

        await CommitAsync();
        return change.Version;
    }

    /// <inheritdoc />
    public async Task<Decision> AddManualDecisionAsync(ManualDecisionRequest request)
    {
        var decision = ManualDecisionRules.CreateDecision(request, _timeProvider.GetUtcNow());
        var change = Store(decision);
        await CommitAsync();
        Log.ManualAdded(_logger, decision.Id, decision.Kind, request.Actor, change.Version);
        _audit.RecordManualAdd(decision, request.Actor);
        return decision;
    }

    /// <inheritdoc />
    public async Task<Decision?> LiftAsync(string decisionId, string actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(decisionId);
        ArgumentNullException.ThrowIfNull(actor);
        if (!_byId.TryGetValue(decisionId, out var decision))
        {
            return null;
        }

        var change = Remove(decision);
        _lifts[decision.Id] = new DecisionLift
        {
            DecisionId = decision.Id,
            Target = decision.Target,
            Origin = decision.Origin,
            LiftedAt = _timeProvider.GetUtcNow(),
            LiftedBy = actor,
            Expires = decision.Expires,
            Version = change.Version,
        };
        var liftedAt = _lifts[decision.Id].LiftedAt;
        await CommitAsync();
        Log.Lifted(_logger, decision.Id, actor, change.Version);
        _audit.RecordLift(decision, actor, liftedAt);
        return decision;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Decision>> ListActiveAsync(DateTimeOffset now)
    {
        var active = new List<Decision>(_slots.Count);
        foreach (var decision in _slots.Values)
        {
            if (decision.IsActiveAt(now))
            {
                active.Add(decision);
            }
        }

        return Task.FromResult<IReadOnlyList<Decision>>(active);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Answers as of the last commit: a poll that comes while a commit writes (publishes interleave) never sees a
    /// change the store may not get, so a board that loses an unwritten change never reuses a version a cache holds.
    /// A snapshot may hold such changes already; it names the committed version, so the next delta brings them again.
    /// </remarks>
    public Task<DecisionFeed> GetChangesAsync(long sinceVersion)
    {
        var committed = _committedVersion;
        if (sinceVersion >= 0 && sinceVersion <= committed && _changeLog.TryGetSince(sinceVersion, out var changes))
        {
            var upToCommitted = changes.Count > 0 && changes[^1].Version > committed
                ? [.. changes.Where(change => change.Version <= committed)]
                : changes;
            return Task.FromResult(new DecisionFeed(committed, IsSnapshot: false, upToCommitted));
        }

        return Task.FromResult(CreateSnapshot(_timeProvider.GetUtcNow(), committed));
    }

    /// <inheritdoc />
    public Task SubscribeAsync(IDecisionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(IDecisionObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
