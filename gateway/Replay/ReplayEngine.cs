using Kwaf.Events;
using Kwaf.Gateway.Pipeline;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Subjects;
using Kwaf.Subjects;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Rates a replayed log in this process: one <see cref="SubjectEngine"/> per client IP, network and user id, fed in
/// log order. Counting, detectors, scores and decisions are the code the subject grains run; the routing is the
/// live pipeline's (IPv6 prefixes, rated IPv6 networks, unattributed events), and so is the cap on subjects
/// (<c>Kwaf:Grains:MaxActiveSubjects</c>, with the last tenth kept for networks) with its folding of addresses into
/// their networks. What replay leaves out is messaging and storage: no grain call, no activation, no state write, no
/// decision board. That is what makes a replay cost microseconds a line instead of an activation per new client.
/// </summary>
/// <remarks>
/// Not thread-safe: the replay reads its file on one thread. Subjects stay in memory for the whole replay (a replay
/// runs on the log's clock, so no subject is ever idle by the host's), bounded by the cap.
/// </remarks>
internal sealed class ReplayEngine
{
    private readonly Dictionary<SubjectKey, SubjectEngine> _subjects = [];
    private readonly HttpEvent[] _one = new HttpEvent[1];
    private readonly SubjectKey[] _keys = new SubjectKey[SubjectRouting.MaxSubjectsPerEvent];
    private readonly SubjectPolicy _policy;
    private readonly SubjectRouting _routing;
    private readonly int _capacity;
    private readonly int _singleLimit;
    private int _singles;

    public ReplayEngine(SubjectPolicy policy, SubjectRouting routing, IOptions<KwafGrainLifetimeOptions> lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _policy = policy;
        _routing = routing;
        _capacity = lifetime.Value.MaxActiveSubjects;
        _singleLimit = ActiveSubjects.SingleLimitOf(_capacity);
    }

    /// <summary>Events rated by a network or by their client IP because their own subject found no room.</summary>
    public long Folded { get; private set; }

    /// <summary>Events no subject could take: even the network slots were full.</summary>
    public long Unrated { get; private set; }

    /// <summary>Counts and rates one event for every subject it names, as the live pipeline routes it.</summary>
    public void Ingest(HttpEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var count = _routing.SubjectsOf(evt, _keys);
        for (var i = 0; i < count; i++)
        {
            Feed(_keys[i], evt);
        }
    }

    /// <summary>
    /// The subject's standing at its newest event, scored as <see cref="SubjectEngine.RatingAt"/> scores it; null when
    /// it never took an event.
    /// </summary>
    public ReplayStanding? StandingOf(SubjectKey key)
    {
        if (!_subjects.TryGetValue(key, out var engine) || engine.State.Counters.TotalEvents == 0)
        {
            return null;
        }

        var state = engine.State;
        var counters = state.Counters;
        var (score, level) = engine.ScoreAt(counters.LastSeen);
        return new ReplayStanding(
            score,
            level,
            counters.TotalEvents,
            counters.FirstSeen,
            counters.LastSeen,
            state.Peak,
            state.Decisions.LastDecision);
    }

    private void Feed(SubjectKey key, HttpEvent evt)
    {
        if (TryGet(key, out var engine))
        {
            Rate(engine, evt);
        }
        else
        {
            Fold(key, evt);
        }
    }

    private void Rate(SubjectEngine engine, HttpEvent evt)
    {
        _one[0] = evt;
        engine.Ingest(_one);
    }

    private bool TryGet(SubjectKey key, out SubjectEngine engine)
    {
        if (_subjects.TryGetValue(key, out engine!))
        {
            return true;
        }

        var aggregate = SubjectGrain.IsAggregate(key);
        if (_subjects.Count >= _capacity || (!aggregate && _singles >= _singleLimit))
        {
            return false;
        }

        engine = new SubjectEngine(key, new SubjectState(), _policy);
        _subjects.Add(key, engine);
        _singles += aggregate ? 0 : 1;
        return true;
    }

    /// <summary>The pipeline's fold at the cap (<see cref="SubjectRouting.FoldOf"/>).</summary>
    private void Fold(SubjectKey key, HttpEvent evt)
    {
        var fold = _routing.FoldOf(key);
        if (fold.Kind == FoldKind.CountedElsewhere)
        {
            Folded++;
        }
        else if (fold.Kind == FoldKind.Network && TryGet(fold.Network, out var engine))
        {
            Rate(engine, evt);
            Folded++;
        }
        else
        {
            Unrated++;
        }
    }
}
