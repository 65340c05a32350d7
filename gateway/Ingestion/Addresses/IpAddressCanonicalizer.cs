using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Kwaf.Grains.Text;

namespace Kwaf.Gateway.Ingestion.Addresses;

/// <summary>
/// Turns every spelling of a client address into one key: IPv4 as a strict dotted quad, IPv6 in RFC 5952 form, and
/// IPv4-mapped IPv6 as its IPv4 address. Parsing is done by <see cref="IPAddress"/>, never by cutting text with a
/// pattern. A port (<c>1.2.3.4:80</c>, <c>[v6]:80</c>) is dropped. A zone suffix (<c>fe80::1%eth0</c>) is stripped:
/// the zone names an interface of the logging host, not a different client, so it never becomes part of a key.
/// </summary>
internal static class IpAddressCanonicalizer
{
    /// <summary>
    /// Canonicalizes <paramref name="text"/> or says why it is not an address; a strict dotted quad is its own key
    /// and comes back as the same string, with nothing parsed or allocated.
    /// </summary>
    public static bool TryCanonicalize(
        string text,
        [NotNullWhen(true)] out string? canonical,
        [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsStrictDottedQuad(text))
        {
            canonical = text;
            reason = null;
            return true;
        }

        return TryCanonicalize(text.AsSpan(), out canonical, out reason);
    }

    /// <summary>Canonicalizes <paramref name="text"/> or says why it is not an address.</summary>
    public static bool TryCanonicalize(
        ReadOnlySpan<char> text,
        [NotNullWhen(true)] out string? canonical,
        [NotNullWhen(false)] out string? reason)
    {
        if (!TryParseAddress(text, allowPort: true, out var address, out reason))
        {
            canonical = null;
            return false;
        }

        canonical = Format(address);
        return true;
    }

    /// <summary>
    /// Parses <paramref name="text"/> as
    /// <see cref="TryCanonicalize(ReadOnlySpan{char}, out string?, out string?)"/> does (a port is dropped, a zone
    /// stripped) and returns the address itself, IPv4-mapped IPv6 folded to IPv4; <see cref="Format"/> gives its key.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<char> text,
        [NotNullWhen(true)] out IPAddress? address,
        [NotNullWhen(false)] out string? reason)
    {
        if (!TryParseAddress(text, allowPort: true, out address, out reason))
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return true;
    }

    /// <summary>
    /// As <see cref="TryParse(ReadOnlySpan{char}, out IPAddress?, out string?)"/>, also giving the address's key
    /// (<see cref="Format"/>): <paramref name="text"/> itself when it is a strict dotted quad, so that nothing is
    /// written anew.
    /// </summary>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out IPAddress? address,
        [NotNullWhen(true)] out string? key,
        [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text.AsSpan(), out address, out reason))
        {
            key = null;
            return false;
        }

        key = IsStrictDottedQuad(text) ? text : Format(address);
        return true;
    }

    /// <summary>
    /// Parses <c>address/prefix</c> (or a bare address as a host network). Host bits are cleared, and an IPv4-mapped
    /// IPv6 network with a prefix of at least 96 is folded to IPv4 (<c>::ffff:203.0.113.0/120</c> is
    /// <c>203.0.113.0/24</c>).
    /// </summary>
    public static bool TryParseCidr(ReadOnlySpan<char> text, out IpNetwork network, out string? reason)
    {
        network = default;
        text = text.Trim();
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!TryParseAddress(addressText, allowPort: false, out var address, out reason))
        {
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && !TryParsePrefix(text[(slash + 1)..], maxPrefix, out prefix))
        {
            reason = $"prefix length must be a decimal number from 0 to {maxPrefix}";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return TryFoldMapped(address, prefix, out network, out reason);
        }

        network = new IpNetwork(IpNetwork.ClearHostBits(address, prefix), prefix);
        return true;
    }

    /// <summary>
    /// The network of <paramref name="canonicalIp"/> at <paramref name="prefixLength"/> bits, as text, for example
    /// <c>2001:db8:1:3::/64</c>. Used to aggregate IPv6 clients per /64.
    /// </summary>
    public static string ToPrefixKey(string canonicalIp, int prefixLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonicalIp);
        if (!IPAddress.TryParse(canonicalIp, out var address))
        {
            throw new ArgumentException($"Address '{canonicalIp}' is not a canonical IP address.", nameof(canonicalIp));
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, maxPrefix);
        return new IpNetwork(IpNetwork.ClearHostBits(address, prefixLength), prefixLength).ToString();
    }

    /// <summary>Formats an address as a key: IPv4 dotted quad, or RFC 5952 IPv6 (never mixed notation).</summary>
    internal static string Format(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork
            ? address.ToString()
            : Rfc5952.Format(address);
    }

    private static bool TryParseAddress(
        ReadOnlySpan<char> text,
        bool allowPort,
        [NotNullWhen(true)] out IPAddress? address,
        [NotNullWhen(false)] out string? reason)
    {
        address = null;
        text = text.Trim();
        if (text.IsEmpty || text is "-" || text.Equals("unknown", StringComparison.OrdinalIgnoreCase))
        {
            reason = text.IsEmpty ? "empty, not an address" : "placeholder, not an address";
            return false;
        }

        if (text[0] == '[')
        {
            return TryParseBracketed(text, allowPort, out address, out reason);
        }

        var colons = text.Count(':');
        if (colons >= 2)
        {
            return TryParseIpv6(text, out address, out reason);
        }

        if (colons == 1)
        {
            var colon = text.IndexOf(':');
            if (!allowPort || !IsPort(text[(colon + 1)..]))
            {
                reason = allowPort ? "invalid port after the address" : "a port is not allowed here";
                return false;
            }

            text = text[..colon];
        }

        return TryParseIpv4(text, out address, out reason);
    }

    private static bool TryParseBracketed(
        ReadOnlySpan<char> text,
        bool allowPort,
        [NotNullWhen(true)] out IPAddress? address,
        [NotNullWhen(false)] out string? reason)
    {
        address = null;
        var close = text.IndexOf(']');
        if (close < 0)
        {
            reason = "missing ']' after a bracketed IPv6 address";
            return false;
        }

        var rest = text[(close + 1)..];
        if (!rest.IsEmpty && (!allowPort || rest[0] != ':' || !IsPort(rest[1..])))
        {
            reason = "unexpected text after a bracketed IPv6 address";
            return false;
        }

        return TryParseIpv6(text[1..close], out address, out reason);
    }

    private static bool TryParseIpv6(
        ReadOnlySpan<char> text,
        [NotNullWhen(true)] out IPAddress? address,
        [NotNullWhen(false)] out string? reason)
    {
        var zone = text.IndexOf('%');
        if (zone >= 0)
        {
            text = text[..zone];
        }

        if (!IPAddress.TryParse(text, out address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            address = null;
            reason = "not a valid IPv6 address";
            return false;
        }

        // The zone was cut off above; clear any scope the parser derived so that it never shows in a key.
        address.ScopeId = 0;
        reason = null;
        return true;
    }

    private static bool TryParseIpv4(
        ReadOnlySpan<char> text,
        [NotNullWhen(true)] out IPAddress? address,
        [NotNullWhen(false)] out string? reason)
    {
        address = null;
        if (!IsStrictDottedQuad(text))
        {
            reason = LooksLikeHostName(text)
                ? "host name, not an address"
                : "not a dotted-quad IPv4 address (exactly four decimal parts 0-255)";
            return false;
        }

        address = IPAddress.Parse(text);
        reason = null;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is four decimal parts from 0 to 255 without leading zeros, so an IPv4 address
    /// that is its own key.
    /// </summary>
    public static bool IsStrictDottedQuad([NotNullWhen(true)] string? text) =>
        text is not null && IsStrictDottedQuad(text.AsSpan());

    // IPAddress accepts shorthands (127.1), hex (0x7f.1) and octal (010.1.1.1 is 8.1.1.1); a key must not depend on
    // such readings, so only four decimal parts without leading zeros are accepted.
    private static bool IsStrictDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            parts++;
            if (parts > 4 || part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            if (!DecimalDigits.TryParse(part, 3, out var value) || value > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    private static bool LooksLikeHostName(ReadOnlySpan<char> text)
    {
        var hasLetter = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                hasLetter = true;
            }
            else if (!char.IsAsciiDigit(c) && c != '.' && c != '-')
            {
                return false;
            }
        }

        return hasLetter && !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsPort(ReadOnlySpan<char> text) =>
        DecimalDigits.TryParse(text, 5, out var port) && port <= 65535;

    private static bool TryParsePrefix(ReadOnlySpan<char> text, int maxPrefix, out int prefix)
    {
        if (DecimalDigits.TryParse(text, 3, out prefix) && prefix <= maxPrefix)
        {
            return true;
        }

        prefix = 0;
        return false;
    }

    private static bool TryFoldMapped(IPAddress address, int prefix, out IpNetwork network, out string? reason)
    {
        if (prefix < 96)
        {
            network = default;
            reason = "an IPv4-mapped network needs a prefix length of at least 96";
            return false;
        }

        var v4Prefix = prefix - 96;
        network = new IpNetwork(IpNetwork.ClearHostBits(address.MapToIPv4(), v4Prefix), v4Prefix);
        reason = null;
        return true;
    }
}
