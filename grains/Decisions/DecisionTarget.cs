using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Kwaf.Grains.Decisions;

/// <summary>
/// Builds and parses decision targets, the one place for their format: <c>ip:ADDR</c>, <c>cidr:NETWORK/LEN</c> and
/// <c>u:USER</c>. Addresses are canonical: the text <see cref="IPAddress.ToString()"/> gives, with IPv4-mapped IPv6
/// addresses (and networks inside <c>::ffff:0:0/96</c>) written as IPv4.
/// </summary>
internal static class DecisionTarget
{
    public const string IpPrefix = "ip:";
    public const string CidrPrefix = "cidr:";
    public const string UserPrefix = "u:";

    /// <summary>Longest accepted user id, in characters.</summary>
    public const int MaxUserIdLength = 256;

    /// <summary>Formats the target of a single address.</summary>
    public static string ForIp(IPAddress address) => IpPrefix + Canonical(address);

    /// <summary>Formats the target of a user.</summary>
    public static string ForUser(string userId) => UserPrefix + userId;

    /// <summary>Returns the address as IPv4 when it is an IPv4-mapped IPv6 address, else unchanged.</summary>
    public static IPAddress Canonical(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>
    /// Parses a network, mapping an IPv4-mapped IPv6 network to its IPv4 form. Text with address bits set past the
    /// prefix length (<c>10.0.0.1/8</c>) is rejected: it is ambiguous between the host and the network.
    /// </summary>
    public static bool TryParseNetwork(ReadOnlySpan<char> text, out IPNetwork network)
    {
        var slash = text.IndexOf('/');
        if (slash < 0
            || !IPNetwork.TryParse(text, out network)
            || !IPAddress.TryParse(text[..slash], out var written)
            || !written.Equals(network.BaseAddress))
        {
            network = default;
            return false;
        }

        var baseAddress = network.BaseAddress;
        if (baseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96)
        {
            network = new IPNetwork(baseAddress.MapToIPv4(), network.PrefixLength - 96);
        }

        return true;
    }

    /// <summary>
    /// Validates a target and returns its canonical text, for example <c>ip:2001:DB8::1</c> becomes
    /// <c>ip:2001:db8::1</c> and <c>ip:::ffff:192.0.2.1</c> becomes <c>ip:192.0.2.1</c>. A network with bits set
    /// past its prefix length is rejected.
    /// </summary>
    public static bool TryNormalize(string? target, [NotNullWhen(true)] out string? canonical)
    {
        canonical = null;
        if (string.IsNullOrEmpty(target))
        {
            return false;
        }

        if (target.StartsWith(IpPrefix, StringComparison.Ordinal))
        {
            if (IPAddress.TryParse(target.AsSpan(IpPrefix.Length), out var address) && IsInternet(address))
            {
                canonical = ForIp(address);
            }
        }
        else if (target.StartsWith(CidrPrefix, StringComparison.Ordinal))
        {
            if (TryParseNetwork(target.AsSpan(CidrPrefix.Length), out var network))
            {
                canonical = CidrPrefix + network.ToString();
            }
        }
        else if (target.StartsWith(UserPrefix, StringComparison.Ordinal) && IsValidUserId(target.AsSpan(2)))
        {
            canonical = target;
        }

        return canonical is not null;
    }

    // A zone id (fe80::1%eth0) names a local interface, which means nothing to another node: reject it.
    private static bool IsInternet(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork
        || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId == 0);

    private static bool IsValidUserId(ReadOnlySpan<char> userId)
    {
        if (userId.IsEmpty || userId.Length > MaxUserIdLength)
        {
            return false;
        }

        foreach (var c in userId)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
