using System.Globalization;
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
/// <para>
/// With tables on, a policy block or throttle of one address is not in the address map but in a stick table
/// (<see cref="Blocks"/>, <see cref="Throttles"/>) whose entry carries the ban's end, so that HAProxy lifts it on time
/// by itself, also while kwaf is down. The table rules in haproxy.cfg stand where the map's <c>block</c> and
/// <c>throttle</c> rules stand and yield to the same words (<c>allow</c>, <c>allowlisted</c>, the manual bans); those
/// words stay in the address map, so the answer is the one the cache would give. Manual decisions stay in the maps:
/// a manual ban beats a manual allow, which a table entry, yielding to <c>allow</c>, could not express.
/// </para>
/// </remarks>
internal sealed class HAProxyMapContents
{
    private HAProxyMapContents(
        Dictionary<string, string> ips,
        Dictionary<string, string> users,
        Dictionary<string, string> blocks,
        Dictionary<string, string> throttles,
        DateTimeOffset? nextChange,
        int skippedUsers)
    {
        Ips = ips;
        Users = users;
        Blocks = blocks;
        Throttles = throttles;
        NextChange = nextChange;
        SkippedUsers = skippedUsers;
    }

    /// <summary>Address (canonical text) or network (<c>ADDR/LEN</c>) to map value.</summary>
    public IReadOnlyDictionary<string, string> Ips { get; }

    /// <summary>User id to map value.</summary>
    public IReadOnlyDictionary<string, string> Users { get; }

    /// <summary>
    /// Policy bans longer than this from now stay in the address map: HAProxy forgets a table entry not written for
    /// the table's <c>expire</c> (24 days in haproxy.cfg, its largest value), so an entry must end well before.
    /// </summary>
    public static TimeSpan TableHorizon { get; } = TimeSpan.FromDays(20);

    /// <summary>
    /// Block table: table key (an IPv4 address as the IPv4-mapped IPv6 address the <c>ipv6</c> table holds) to the
    /// ban's end in UNIX seconds, rounded up. Empty when tables are off.
    /// </summary>
    public IReadOnlyDictionary<string, string> Blocks { get; }

    /// <summary>Throttle table, like <see cref="Blocks"/>.</summary>
    public IReadOnlyDictionary<string, string> Throttles { get; }

    /// <summary>The earliest expiry among the decisions used: the contents must be built again then.</summary>
    public DateTimeOffset? NextChange { get; }

    /// <summary>User decisions left out: the id cannot be a HAProxy map key (whitespace, quotes, ';', '\').</summary>
    public int SkippedUsers { get; }

    /// <summary>
    /// Builds the contents for the decisions active at <paramref name="now"/> and the allowlist; policy bans of
    /// single addresses go to the tables when <paramref name="tables"/> is set.
    /// </summary>
    public static HAProxyMapContents Build(
        IEnumerable<Decision> decisions,
        IReadOnlyList<IPNetwork> allowlist,
        DateTimeOffset now,
        bool tables = false)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(allowlist);
        var addresses = new Dictionary<IPAddress, EdgeVerdict>();
        var networks = new Dictionary<IPNetwork, EdgeVerdict>();
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var userVerdicts = new Dictionary<string, EdgeVerdict>(StringComparer.Ordinal);
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        var throttles = new Dictionary<string, string>(StringComparer.Ordinal);
        DateTimeOffset? nextChange = null;
        var skippedUsers = 0;
        foreach (var decision in decisions)
        {
            var verdict = EdgeVerdicts.Of(decision);
            if (!decision.IsActiveAt(now) || verdict == EdgeVerdict.None)
            {
                continue;
            }

            nextChange = Earlier(nextChange, decision.Expires);
            if (tables && verdict is EdgeVerdict.Block or EdgeVerdict.Throttle
                && TableKey(decision.Target) is { } key)
            {
                if (decision.Expires - now <= TableHorizon)
                {
                    Keep(verdict == EdgeVerdict.Block ? blocks : throttles, key, decision.Expires);
                    continue;
                }

                // Moves into the table once its end comes within the horizon.
                nextChange = Earlier(nextChange, decision.Expires - TableHorizon);
            }

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

        return new HAProxyMapContents(
            Combine(addresses, networks), users, blocks, throttles, nextChange, skippedUsers);
    }

    private static DateTimeOffset Earlier(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } held && held <= candidate ? held : candidate;

    /// <summary>The table key of a decision on one address; null for networks, users and what does not parse.</summary>
    private static string? TableKey(string target)
    {
        if (!DecisionTarget.TryNormalize(target, out var canonical)
            || !canonical.StartsWith(DecisionTarget.IpPrefix, StringComparison.Ordinal)
            || !IPAddress.TryParse(canonical.AsSpan(DecisionTarget.IpPrefix.Length), out var address))
        {
            return null;
        }

        // The Runtime API parses keys of an ipv6 table as IPv6 only; HAProxy turns an IPv4 source into this form.
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address.MapToIPv6().ToString()
            : address.ToString();
    }

    /// <summary>Keeps the later end when two bans of one kind name the same address.</summary>
    private static void Keep(Dictionary<string, string> table, string key, DateTimeOffset expires)
    {
        var end = (expires.ToUnixTimeMilliseconds() + 999) / 1000;
        if (!table.TryGetValue(key, out var held) || long.Parse(held, CultureInfo.InvariantCulture) < end)
        {
            table[key] = end.ToString(CultureInfo.InvariantCulture);
        }
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
