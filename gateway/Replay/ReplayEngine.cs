using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// The engine also keeps the report's census: which subjects the events named themselves (a client's address or
/// prefix, a user id), as against networks rated beside them or taking their folded events.
/// </remarks>
internal sealed class ReplayEngine
{
    private readonly Dictionary<SubjectKey, Seat> _subjects = [];
    private readonly HashSet<SubjectKey> _namedWithoutRoom = [];
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

    /// <summary>
    /// Distinct client subjects (addresses, or their IPv6 prefixes) the events named, with room or not.
    /// </summary>
    public long IpSubjects { get; private set; }

    /// <summary>Distinct user ids the events named, with room or not.</summary>
    public long UserSubjects { get; private set; }

    /// <summary>The subjects the events named that found room, so have a standing (<see cref="StandingOf"/>).</summary>
    public IEnumerable<SubjectKey> NamedSubjects
    {
        get
        {
            foreach (var (key, seat) in _subjects)
            {
                if (seat.Named)
                {
                    yield return key;
                }
            }
        }
    }

    /// <summary>Counts and rates one event for every subject it names, as the live pipeline routes it.</summary>
    public void Ingest(HttpEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var count = _routing.SubjectsOf(evt, _keys);
        for (var i = 0; i < count; i++)
        {
            // The routing puts the client's own subject first; a second IP key is the network rated beside it.
            var key = _keys[i];
            Feed(key, named: i == 0 || key.Kind == SubjectKind.User, evt);
        }
    }

    /// <summary>
    /// The subject's standing at its newest event, scored as <see cref="SubjectEngine.RatingAt"/> scores it; null when
    /// it never took an event.
    /// </summary>
    public ReplayStanding? StandingOf(SubjectKey key)
    {
        if (!_subjects.TryGetValue(key, out var seat) || seat.Engine.State.Counters.TotalEvents == 0)
        {
            return null;
        }

        var engine = seat.Engine;
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

    private void Feed(SubjectKey key, bool named, HttpEvent evt)
    {
        if (TryGet(key, named, out var engine))
        {
            Rate(engine, evt);
            return;
        }

        if (named && _namedWithoutRoom.Add(key))
        {
            CountNamed(key);
        }

        Fold(key, evt);
    }

    private void CountNamed(SubjectKey key)
    {
        if (key.Kind == SubjectKind.User)
        {
            UserSubjects++;
        }
        else
        {
            IpSubjects++;
        }
    }

    private void Rate(SubjectEngine engine, HttpEvent evt)
    {
        _one[0] = evt;
        engine.Ingest(_one);
    }

    private bool TryGet(SubjectKey key, bool named, out SubjectEngine engine)
    {
        ref var seat = ref CollectionsMarshal.GetValueRefOrNullRef(_subjects, key);
        if (!Unsafe.IsNullRef(ref seat))
        {
            if (named && !seat.Named)
            {
                seat.Named = true;
                CountNamed(key);
            }

            engine = seat.Engine;
            return true;
        }

        var aggregate = SubjectGrain.IsAggregate(key);
        if (_subjects.Count >= _capacity || (!aggregate && _singles >= _singleLimit))
        {
            engine = null!;
            return false;
        }

        engine = new SubjectEngine(key, new SubjectState(), _policy);
        _subjects.Add(key, new Seat { Engine = engine, Named = named });
        _singles += aggregate ? 0 : 1;
        if (named)
        {
            CountNamed(key);
        }

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
        else if (fold.Kind == FoldKind.Network && TryGet(fold.Network, named: false, out var engine))
        {
            Rate(engine, evt);
            Folded++;
        }
        else
        {
            Unrated++;
        }
    }

    /// <summary>A subject's engine, and whether an event named it itself.</summary>
    private struct Seat
    {
        public SubjectEngine Engine;
        public bool Named;
    }
}
