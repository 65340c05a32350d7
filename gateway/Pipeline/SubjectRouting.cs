using Kwaf.Events;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Subjects;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// Which subjects an event counts for, and where a subject's events go when there is no room for it: the routing
/// that the live pipeline and replay share, so that a replayed log is rated as the same traffic would be live.
/// Immutable after construction; thread-safe.
/// </summary>
internal sealed class SubjectRouting(IOptions<PipelineOptions> options)
{
    /// <summary>The most subjects one event counts for: its address, its IPv6 network, its user.</summary>
    public const int MaxSubjectsPerEvent = 3;

    private readonly PipelineOptions _options = options.Value;

    /// <summary>
    /// Writes the subjects <paramref name="evt"/> counts for to <paramref name="subjects"/> and returns how many:
    /// its client address (or the IPv6 prefix that stands for it) and the rated IPv6 network, unless the event is
    /// unattributed (its address is the trusted proxy that sent it, which never gets a counter or a ban), and its user.
    /// The client's own subject, when there is one, comes first.
    /// </summary>
    public int SubjectsOf(HttpEvent evt, SubjectKey[] subjects)
    {
        var count = 0;
        if ((evt.Traits & RequestTraits.Unattributed) == 0)
        {
            var subjectIp = SubjectIpOf(evt.Ip);
            subjects[count++] = SubjectKey.ForIp(subjectIp);
            if (RatedNetworkOf(evt.Ip, subjectIp) is { } network)
            {
                subjects[count++] = SubjectKey.ForIp(network);
            }
        }

        if (evt.UserId is not null)
        {
            subjects[count++] = SubjectKey.ForUser(evt.UserId);
        }

        return count;
    }

    /// <summary>The subject id of a client address: itself, or its IPv6 prefix under aggregation.</summary>
    public string SubjectIpOf(string canonicalIp) =>
        _options.Ipv6SubjectPrefixLength < 128 && IsIpv6(canonicalIp) && !IsNetwork(canonicalIp)
            ? IpAddressCanonicalizer.ToPrefixKey(canonicalIp, _options.Ipv6SubjectPrefixLength)
            : canonicalIp;

    /// <summary>
    /// The IPv6 network also rated beside the client's own subject (<see cref="PipelineOptions.RateIpv6Networks"/>),
    /// or null: for IPv4, when the option is off, or when the subject already is a network at least as wide.
    /// </summary>
    public string? RatedNetworkOf(string canonicalIp, string subjectIp) =>
        _options.RateIpv6Networks
        && _options.Ipv6SubjectPrefixLength > _options.Ipv6AggregatePrefixLength
        && IsIpv6(canonicalIp)
        && !IsNetwork(subjectIp)
            ? IpAddressCanonicalizer.ToPrefixKey(canonicalIp, _options.Ipv6AggregatePrefixLength)
            : null;

    /// <summary>
    /// Where the events of a subject that found no room go: nowhere for a user id (its client IP has counted them
    /// and their user as a peer) or an IPv6 address whose network is rated anyway; for any other address, its
    /// network aggregate (IPv4 /24, IPv6 /64 by default), a subject of its own; for a network, nowhere left.
    /// </summary>
    public FoldTarget FoldOf(SubjectKey key)
    {
        if (key.Kind == SubjectKind.User || (IsIpv6(key.Id) && RatedNetworkOf(key.Id, key.Id) is not null))
        {
            return new FoldTarget(FoldKind.CountedElsewhere, default);
        }

        if (IsNetwork(key.Id))
        {
            return new FoldTarget(FoldKind.Unrated, default);
        }

        var prefix = IsIpv6(key.Id) ? _options.Ipv6AggregatePrefixLength : _options.Ipv4AggregatePrefixLength;
        return new FoldTarget(FoldKind.Network, SubjectKey.ForIp(IpAddressCanonicalizer.ToPrefixKey(key.Id, prefix)));
    }

    private static bool IsIpv6(string subjectIp) => subjectIp.Contains(':', StringComparison.Ordinal);

    private static bool IsNetwork(string subjectIp) => subjectIp.Contains('/', StringComparison.Ordinal);
}

/// <summary>What happens to the events of a subject that found no room.</summary>
internal enum FoldKind
{
    /// <summary>Another subject of the event has counted them already: counted as folded.</summary>
    CountedElsewhere,

    /// <summary>They go to <see cref="FoldTarget.Network"/>, if it has room.</summary>
    Network,

    /// <summary>No subject is left to take them: counted as unrated.</summary>
    Unrated,
}

/// <summary>Where the events of a subject that found no room go.</summary>
/// <param name="Kind">What happens to them.</param>
/// <param name="Network">The network aggregate, for <see cref="FoldKind.Network"/>.</param>
internal readonly record struct FoldTarget(FoldKind Kind, SubjectKey Network);
