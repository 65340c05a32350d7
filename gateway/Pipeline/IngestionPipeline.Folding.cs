using Kwaf.Events;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Pipeline;

internal sealed partial class IngestionPipeline
{
    /// <summary>
    /// The IPv6 network also rated beside the client's own subject (<see cref="PipelineOptions.RateIpv6Networks"/>),
    /// or null: for IPv4, when the option is off, or when the subject already is a network at least as wide.
    /// </summary>
    internal string? RatedNetworkOf(string canonicalIp, string subjectIp) =>
        _options.RateIpv6Networks
        && _options.Ipv6SubjectPrefixLength > _options.Ipv6AggregatePrefixLength
        && IsIpv6(canonicalIp)
        && !IsNetwork(subjectIp)
            ? IpAddressCanonicalizer.ToPrefixKey(canonicalIp, _options.Ipv6AggregatePrefixLength)
            : null;

    /// <summary>
    /// Rates the events of a subject that its silo had no room for (the cap on active subjects) by what it belongs
    /// to: an address by its network aggregate (IPv4 /24, IPv6 /64 by default), which is a subject of its own; a user
    /// id by its client IP, which has already counted the events and their user as a peer. Network aggregates may use
    /// the slots kept back for them; when even those are taken, the events are counted as unrated.
    /// </summary>
    private async Task FoldAsync(SubjectKey key, List<HttpEvent> events)
    {
        if (key.Kind == SubjectKind.User || (IsIpv6(key.Id) && RatedNetworkOf(key.Id, key.Id) is not null))
        {
            _counters.Folded(events.Count);
            return;
        }

        if (IsNetwork(key.Id))
        {
            Unrated(events.Count);
            return;
        }

        var prefix = IsIpv6(key.Id) ? _options.Ipv6AggregatePrefixLength : _options.Ipv4AggregatePrefixLength;
        var network = SubjectKey.ForIp(IpAddressCanonicalizer.ToPrefixKey(key.Id, prefix));
        var grainKey = network.ToGrainKey();
        if (!CanTakeLocally(network, grainKey)
            || await _grains.Of(network.Kind, grainKey).TryIngestAsync(events).ConfigureAwait(false)
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
    private bool CanTakeLocally(SubjectKey key, string grainKey) =>
        _localSubjects is not { } local
        || local.CanTake(grainKey, key.Kind == SubjectKind.Ip && IsNetwork(key.Id));

    private void Unrated(int count)
    {
        _counters.Unrated(count);
        Log.EventsUnrated(_logger, count);
    }

    private static bool IsIpv6(string subjectIp) => subjectIp.Contains(':', StringComparison.Ordinal);

    private static bool IsNetwork(string subjectIp) => subjectIp.Contains('/', StringComparison.Ordinal);
}
