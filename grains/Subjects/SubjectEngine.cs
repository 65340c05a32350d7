using Kwaf.Decisions;
using Kwaf.Events;
using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Kwaf.Index;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// One subject's counting, rating and deciding, without Orleans: the grain owns persistence and messaging. Each event
/// is counted and then rated at the subject's newest event time, so a batch gives the same result as the same events
/// sent one by one. Not thread-safe: the owning grain's turn is the guard.
/// </summary>
internal sealed class SubjectEngine
{
    private readonly SubjectKey _key;
    private readonly SubjectPolicy _policy;
    private readonly SubjectCounters _counters;

    public SubjectEngine(SubjectKey key, SubjectState state, SubjectPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        _key = key;
        _policy = policy;
        State = state;
        NormalizeSignals(state.Signals);

        _counters = new SubjectCounters(policy.Counters, state.Counters);
        Allowlisted = key.Kind == SubjectKind.Ip && policy.Allowlist.Contains(key.Id);
    }

    public SubjectState State { get; }

    /// <summary>
    /// The decision target of a subject: <c>ip:ADDRESS</c> or <c>u:USER</c>, and <c>cidr:NETWORK/LENGTH</c> for a
    /// network aggregate, so that a decision on a network applies to every address inside it, fresh ones included.
    /// </summary>
    internal static string TargetOf(SubjectKey key) =>
        key.Kind == SubjectKind.Ip && key.Id.Contains('/', StringComparison.Ordinal)
            ? Kwaf.Grains.Decisions.DecisionTarget.CidrPrefix + key.Id
            : key.ToGrainKey();

    /// <summary>
    /// Whether the subject is an allowlisted IP: its events are counted, but no detector runs on them, so its score
    /// stays 0 and it is never throttled or blocked. Fixed for the activation (read from the options at start).
    /// </summary>
    public bool Allowlisted { get; }

    /// <summary>Counts and rates the events in order.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The decisions made and the index change, if any.</returns>
    public IngestResult Ingest(IReadOnlyList<HttpEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        List<Decision>? decisions = null;
        RiskIndexEntry? indexEntry = null;
        var skipped = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            if (!BelongsHere(evt))
            {
                skipped++;
                continue;
            }

            var peer = _key.Kind == SubjectKind.Ip ? evt.UserId : PeerIpOf(evt);
            _counters.Record(evt, peer);
            if (!Allowlisted)
            {
                // C-14: no rule counts an allowlisted address; its traffic shows in its counters only.
                _policy.Evaluator.Evaluate(_counters, evt, peer, _key.Kind, State.Signals);
            }

            var decision = RateAndDecide(ref indexEntry);
            if (decision is not null)
            {
                (decisions ??= []).Add(decision);
            }
        }

        return decisions is null && indexEntry is null && skipped == 0
            ? IngestResult.Quiet
            : new IngestResult((IReadOnlyList<Decision>?)decisions ?? [], indexEntry, skipped);
    }

    /// <summary>The rating as of <paramref name="asOf"/> or the newest event time, whichever is later.</summary>
    /// <param name="asOf">The instant, or null.</param>
    /// <returns>The rating, or null when the subject has never been seen.</returns>
    public SubjectRating? RatingAt(DateTimeOffset? asOf)
    {
        var counters = State.Counters;
        if (counters.TotalEvents == 0)
        {
            return null;
        }

        var at = asOf is { } requested && requested > counters.LastSeen ? requested : counters.LastSeen;
        var (score, level) = ScoreAt(at);
        var endBucket = _counters.BucketOf(at);
        var windows = new List<WindowCounts>(_policy.ReportWindows.Count);
        foreach (var window in _policy.ReportWindows)
        {
            windows.Add(_counters.Snapshot(window, endBucket));
        }

        return new SubjectRating(
            _key.KindName,
            _key.Id,
            score,
            level,
            State.Decisions.ActiveAt(at),
            State.Decisions.LastDecision,
            _policy.Scorer.ReportsAt(State.Signals, at),
            counters.TotalEvents,
            _counters.Breakdown(),
            windows,
            counters.PeerSample is { } peers ? [.. peers] : [],
            counters.FirstSeen,
            counters.LastSeen,
            at,
            Allowlisted,
            State.Peak);
    }

    /// <summary>
    /// The score at <paramref name="at"/> as a rating shows it (two decimals) and the level of the unrounded score,
    /// without the rest of a rating.
    /// </summary>
    public (double Score, RiskLevel Level) ScoreAt(DateTimeOffset at)
    {
        var score = _policy.Scorer.ScoreAt(State.Signals, at);
        return (Math.Round(score, 2), _policy.Scorer.LevelOf(score));
    }

    /// <summary>
    /// Whether an event names this subject. An IP subject whose id is a network (IPv6 prefix aggregation) takes
    /// what the pipeline routes to it: the router alone knows the configured prefix length.
    /// </summary>
    private bool BelongsHere(HttpEvent evt) => _key.Kind == SubjectKind.Ip
        ? (evt.Traits & RequestTraits.Unattributed) == 0
            && (_key.Id.Contains('/', StringComparison.Ordinal)
                || string.Equals(evt.Ip, _key.Id, StringComparison.Ordinal))
        : string.Equals(evt.UserId, _key.Id, StringComparison.Ordinal);

    /// <summary>
    /// The address a user was seen from; none for an unattributed event, whose IP is the trusted proxy that sent it.
    /// </summary>
    private static string? PeerIpOf(HttpEvent evt) =>
        (evt.Traits & RequestTraits.Unattributed) == 0 ? evt.Ip : null;

    /// <summary>
    /// Null where a detector never fired, and no slots at all until one does (the evaluator adds them): a state
    /// stored with an empty object for every detector, as states were before, gives those objects up.
    /// </summary>
    private static void NormalizeSignals(List<SignalState?> signals)
    {
        var fired = false;
        for (var i = 0; i < signals.Count; i++)
        {
            if (signals[i] is { PeakPoints: <= 0, Count: 0, Evidence: null })
            {
                signals[i] = null;
            }

            fired |= signals[i] is not null;
        }

        if (!fired)
        {
            signals.Clear();
            signals.Capacity = 0;
        }
    }

    private Decision? RateAndDecide(ref RiskIndexEntry? indexEntry)
    {
        var now = State.Counters.LastSeen;
        var scorer = _policy.Scorer;
        var score = scorer.ScoreAt(State.Signals, now);
        var level = scorer.LevelOf(score);
        if (score > (State.Peak?.Score ?? 0))
        {
            // Only a rising score takes a new snapshot, so the cost falls on the few events that raise the peak.
            // An exact array rather than the report list: the peak stays in memory as long as the subject.
            var reports = scorer.ReportsAt(State.Signals, now).ToArray();
            State.Peak = new RatingPeak(Math.Round(score, 2), level, now, reports);
        }

        Decision? decision = null;
        if (level >= RiskLevel.High && _policy.Decisions.WouldDecide(State.Decisions, level, now, Allowlisted))
        {
            var reason = scorer.ReasonAt(State.Signals, now);

            // The target is built here, not kept: few subjects are ever decided on, and every one would hold it.
            var target = TargetOf(_key);
            decision = _policy.Decisions.Decide(State.Decisions, target, score, level, reason, now, Allowlisted);
        }

        var inForce = State.Decisions.ActiveAt(now)?.Kind ?? DecisionKind.Allow;
        if (level != State.IndexedLevel || inForce != State.IndexedDecision)
        {
            State.IndexedLevel = level;
            State.IndexedDecision = inForce;
            indexEntry = new RiskIndexEntry(_key.KindName, _key.Id, Math.Round(score, 2), level, inForce, now);
        }

        return decision;
    }
}
