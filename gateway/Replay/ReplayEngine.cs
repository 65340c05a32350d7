using Kwaf.Events;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Pipeline;
using Kwaf.Grains.Hosting;
using Kwaf.Grains.Subjects;
using Kwaf.Ratings;
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
    private readonly SubjectPolicy _policy;
    private readonly IngestionPipeline _routing;
    private readonly PipelineOptions _options;
    private readonly int _capacity;
    private readonly int _singleLimit;
    private int _singles;

    public ReplayEngine(
        SubjectPolicy policy,
        IngestionPipeline routing,
        IOptions<PipelineOptions> options,
        IOptions<KwafGrainLifetimeOptions> lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lifetime);
        _policy = policy;
        _routing = routing;
        _options = options.Value;
        _capacity = lifetime.Value.MaxActiveSubjects;
        _singleLimit = _capacity - (_capacity / 10);
    }

    /// <summary>Events rated by a network or by their client IP because their own subject found no room.</summary>
    public long Folded { get; private set; }

    /// <summary>Events no subject could take: even the network slots were full.</summary>
    public long Unrated { get; private set; }

    /// <summary>Counts and rates one event for every subject it names, as the live pipeline routes it.</summary>
    public void Ingest(HttpEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);

        // An unattributed event's IP is the trusted proxy that sent it: a proxy never gets a counter or a ban.
        if ((evt.Traits & RequestTraits.Unattributed) == 0)
        {
            var subjectIp = _routing.SubjectIpOf(evt.Ip);
            Feed(SubjectKey.ForIp(subjectIp), evt);
            if (_routing.RatedNetworkOf(evt.Ip, subjectIp) is { } network)
            {
                Feed(SubjectKey.ForIp(network), evt);
            }
        }

        if (evt.UserId is not null)
        {
            Feed(SubjectKey.ForUser(evt.UserId), evt);
        }
    }

    /// <summary>The subject's rating at its newest event; null when it never took an event.</summary>
    public SubjectRating? RatingOf(SubjectKey key) =>
        _subjects.TryGetValue(key, out var engine) ? engine.RatingAt(null) : null;

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

        var aggregate = IsNetwork(key);
        if (_subjects.Count >= _capacity || (!aggregate && _singles >= _singleLimit))
        {
            return false;
        }

        engine = new SubjectEngine(key, new SubjectState(), _policy);
        _subjects.Add(key, engine);
        _singles += aggregate ? 0 : 1;
        return true;
    }

    /// <summary>
    /// The pipeline's fold at the cap: a user id's events are already counted by its client IP, an IPv6 address
    /// with a rated network by that network; an address goes to its network (IPv4 /24, IPv6 /64 by default).
    /// </summary>
    private void Fold(SubjectKey key, HttpEvent evt)
    {
        if (key.Kind == SubjectKind.User || (IsIpv6(key.Id) && _routing.RatedNetworkOf(key.Id, key.Id) is not null))
        {
            Folded++;
            return;
        }

        if (IsNetwork(key))
        {
            Unrated++;
            return;
        }

        var prefix = IsIpv6(key.Id) ? _options.Ipv6AggregatePrefixLength : _options.Ipv4AggregatePrefixLength;
        var network = SubjectKey.ForIp(IpAddressCanonicalizer.ToPrefixKey(key.Id, prefix));
        if (TryGet(network, out var engine))
        {
            Rate(engine, evt);
            Folded++;
        }
        else
        {
            Unrated++;
        }
    }

    private static bool IsNetwork(SubjectKey key) =>
        key.Kind == SubjectKind.Ip && key.Id.Contains('/', StringComparison.Ordinal);

    private static bool IsIpv6(string subjectIp) => subjectIp.Contains(':', StringComparison.Ordinal);
}
