using System.Net;
using Kwaf.Decisions;
using Kwaf.Grains.Decisions;

namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// What HAProxy's two maps must hold for a set of decisions in force: address or network to verdict word, and user
/// id to verdict word. Built from scratch on every change (cheap next to a round trip to HAProxy) and compared with
/// what HAProxy holds by <see cref="MapDiff"/>.
/// </summary>
/// <remarks>
/// HAProxy's <c>map_ip</c> answers with the longest matching prefix only, while the decision cache lets every network
/// holding an address take part. Networks never partly overlap (two prefixes are either nested or disjoint), so the
/// value of each address key is the maximum of its own verdict and those of every network holding it, and the value
/// of each network key the maximum of its own and those of its supernets: the longest match then always carries the
/// verdict the cache would give.
/// </remarks>
internal sealed class HAProxyMapContents
{
    private HAProxyMapContents(
        Dictionary<string, string> ips,
        Dictionary<string, string> users,
        DateTimeOffset? nextChange,
        int skippedUsers)
    {
        Ips = ips;
        Users = users;
        NextChange = nextChange;
        SkippedUsers = skippedUsers;
    }

    /// <summary>Address (canonical text) or network (<c>ADDR/LEN</c>) to map value.</summary>
    public IReadOnlyDictionary<string, string> Ips { get; }

    /// <summary>User id to map value.</summary>
    public IReadOnlyDictionary<string, string> Users { get; }

    /// <summary>The earliest expiry among the decisions used: the contents must be built again then.</summary>
    public DateTimeOffset? NextChange { get; }

    /// <summary>User decisions left out: the id cannot be a HAProxy map key (whitespace, quotes, ';', '\').</summary>
    public int SkippedUsers { get; }

    /// <summary>Builds the contents for the decisions active at <paramref name="now"/> and the allowlist.</summary>
    public static HAProxyMapContents Build(
        IEnumerable<Decision> decisions,
        IReadOnlyList<IPNetwork> allowlist,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(allowlist);
        var addresses = new Dictionary<IPAddress, EdgeVerdict>();
        var networks = new Dictionary<IPNetwork, EdgeVerdict>();
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var userVerdicts = new Dictionary<string, EdgeVerdict>(StringComparer.Ordinal);
        DateTimeOffset? nextChange = null;
        var skippedUsers = 0;
        foreach (var decision in decisions)
        {
            var verdict = EdgeVerdicts.Of(decision);
            if (!decision.IsActiveAt(now) || verdict == EdgeVerdict.None)
            {
                continue;
            }

            nextChange = nextChange is { } next && next <= decision.Expires ? next : decision.Expires;
            if (!Place(decision.Target, verdict, addresses, networks, userVerdicts))
            {
                skippedUsers++;
            }
        }

        foreach (var network in allowlist)
        {
            AddNetwork(network, EdgeVerdict.Allowlisted, addresses, networks);
        }

        foreach (var (user, verdict) in userVerdicts)
        {
            users[user] = EdgeVerdicts.ToMapValue(verdict);
        }

        return new HAProxyMapContents(Combine(addresses, networks), users, nextChange, skippedUsers);
    }

    /// <summary>Files one decision under its key; false when it names a user that cannot be a map key.</summary>
    private static bool Place(
        string target,
        EdgeVerdict verdict,
        Dictionary<IPAddress, EdgeVerdict> addresses,
        Dictionary<IPNetwork, EdgeVerdict> networks,
        Dictionary<string, EdgeVerdict> users)
    {
        if (!DecisionTarget.TryNormalize(target, out var canonical))
        {
            return true;
        }

        if (canonical.StartsWith(DecisionTarget.IpPrefix, StringComparison.Ordinal))
        {
            Raise(addresses, IPAddress.Parse(canonical.AsSpan(DecisionTarget.IpPrefix.Length)), verdict);
        }
        else if (canonical.StartsWith(DecisionTarget.UserPrefix, StringComparison.Ordinal))
        {
            var user = canonical[DecisionTarget.UserPrefix.Length..];
            if (!RuntimeApiCommands.IsSafeWord(user))
            {
                return false;
            }

            Raise(users, user, verdict);
        }
        else if (DecisionTarget.TryParseNetwork(canonical.AsSpan(DecisionTarget.CidrPrefix.Length), out var network))
        {
            AddNetwork(network, verdict, addresses, networks);
        }

        return true;
    }

    private static void AddNetwork(
        IPNetwork network,
        EdgeVerdict verdict,
        Dictionary<IPAddress, EdgeVerdict> addresses,
        Dictionary<IPNetwork, EdgeVerdict> networks)
    {
        // A full-length prefix is one address: filed as such so that HAProxy never holds 1.2.3.4 and 1.2.3.4/32 apart.
        var fullLength = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        if (network.PrefixLength == fullLength)
        {
            Raise(addresses, network.BaseAddress, verdict);
        }
        else
        {
            Raise(networks, network, verdict);
        }
    }

    private static Dictionary<string, string> Combine(
        Dictionary<IPAddress, EdgeVerdict> addresses,
        Dictionary<IPNetwork, EdgeVerdict> networks)
    {
        var ips = new Dictionary<string, string>(addresses.Count + networks.Count, StringComparer.Ordinal);
        foreach (var (address, own) in addresses)
        {
            var verdict = own;
            foreach (var (network, held) in networks)
            {
                if (held > verdict && network.Contains(address))
                {
                    verdict = held;
                }
            }

            ips[address.ToString()] = EdgeVerdicts.ToMapValue(verdict);
        }

        foreach (var (inner, own) in networks)
        {
            var verdict = own;
            foreach (var (outer, held) in networks)
            {
                if (held > verdict && outer.PrefixLength < inner.PrefixLength && outer.Contains(inner.BaseAddress))
                {
                    verdict = held;
                }
            }

            ips[inner.ToString()] = EdgeVerdicts.ToMapValue(verdict);
        }

        return ips;
    }

    private static void Raise<TKey>(Dictionary<TKey, EdgeVerdict> lookup, TKey key, EdgeVerdict verdict)
        where TKey : notnull
    {
        if (!lookup.TryGetValue(key, out var held) || verdict > held)
        {
            lookup[key] = verdict;
        }
    }
}
