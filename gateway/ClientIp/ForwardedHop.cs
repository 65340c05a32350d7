using System.Diagnostics.CodeAnalysis;
using System.Net;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.ClientIp;

/// <summary>
/// Reads one hop (one list element) of a forwarded header. For X-Forwarded-For and X-Real-IP the element is a node;
/// for Forwarded it is <c>pair *(";" pair)</c> whose single <c>for</c> pair (name in any case) holds the node. A
/// node is an address with an optional port, bracketed for IPv6 with a port, optionally in double quotes; an
/// obfuscated port (<c>:_abc</c>) is dropped. Anything else, including <c>unknown</c> and obfuscated names, does not
/// read. Never throws.
/// </summary>
internal static class ForwardedHop
{
    /// <summary>The index of the last comma outside double quotes, or -1.</summary>
    public static int LastListSeparator(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var index = text.Length - 1; index >= 0; index--)
        {
            var c = text[index];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                return index;
            }
        }

        return -1;
    }

    public static bool TryRead(
        ReadOnlySpan<char> element,
        ForwardedHeaderKind header,
        [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (header == ForwardedHeaderKind.Forwarded)
        {
            return TryFindFor(element, out var node) && TryReadNode(node, out address);
        }

        return TryReadNode(element, out address);
    }

    private static bool TryFindFor(ReadOnlySpan<char> element, out ReadOnlySpan<char> node)
    {
        node = default;
        var found = false;
        var rest = element;
        while (true)
        {
            var end = NextPairSeparator(rest);
            var pair = (end < 0 ? rest : rest[..end]).Trim();
            if (!pair.IsEmpty)
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    return false;
                }

                if (pair[..equals].Trim().Equals("for", StringComparison.OrdinalIgnoreCase))
                {
                    // Two for= pairs in one element leave it open which hop is meant: neither is believed.
                    if (found)
                    {
                        return false;
                    }

                    found = true;
                    node = pair[(equals + 1)..].Trim();
                }
            }

            if (end < 0)
            {
                return found;
            }

            rest = rest[(end + 1)..];
        }
    }

    private static int NextPairSeparator(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ';' && !quoted)
            {
                return index;
            }
        }

        return -1;
    }

    private static bool TryReadNode(ReadOnlySpan<char> node, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        node = node.Trim();
        if (node.Length >= 2 && node[0] == '"' && node[^1] == '"')
        {
            node = node[1..^1];
        }

        // A quote or escape left inside is not a node kwaf can read; nor is an empty one.
        if (node.IsEmpty || node.IndexOfAny('"', '\\') >= 0)
        {
            return false;
        }

        return IpAddressCanonicalizer.TryParse(WithoutObfuscatedPort(node), out address, out _);
    }

    /// <summary>RFC 7239 lets a proxy hide the port as <c>:_name</c>; the address before it still reads.</summary>
    private static ReadOnlySpan<char> WithoutObfuscatedPort(ReadOnlySpan<char> node)
    {
        var colon = node[0] == '[' ? node.IndexOf(']') + 1 : node.IndexOf(':');
        if (colon <= 0 || colon >= node.Length - 1 || node[colon] != ':' || node[colon + 1] != '_')
        {
            return node;
        }

        // An unbracketed IPv6 address has more colons: it has no port to hide.
        return node[0] != '[' && node[(colon + 1)..].Contains(':') ? node : node[..colon];
    }
}
