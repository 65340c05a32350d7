using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Kwaf.Grains.Text;

namespace Kwaf.Grains.Policy;

/// <summary>
/// An IP network (an address and a prefix length) that can test membership. IPv4-mapped IPv6 addresses are read as
/// IPv4 on both sides, so <c>::ffff:192.0.2.1</c> is inside <c>192.0.2.0/24</c>.
/// </summary>
internal sealed class IpNetwork
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;

    private IpNetwork(byte[] prefix, int prefixLength)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
    }

    /// <summary>Parses <c>ADDRESS</c> or <c>ADDRESS/LENGTH</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="network">The network.</param>
    /// <returns>Whether the text was a valid address or network.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IpNetwork? network)
    {
        network = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (addressText.IndexOfAny(['.', ':']) < 0)
        {
            return false;
        }

        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var mapped = address.IsIPv4MappedToIPv6;
        var bytes = Normalize(address).GetAddressBytes();
        var length = bytes.Length * 8;
        if (slash >= 0 && !TryParseLength(text[(slash + 1)..], mapped, ref length, bytes.Length * 8))
        {
            return false;
        }

        network = new IpNetwork(bytes, length);
        return true;
    }

    /// <summary>Tests whether the network holds <paramref name="address"/>.</summary>
    /// <param name="address">The address.</param>
    /// <returns>True when the address is inside.</returns>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = Normalize(address).GetAddressBytes();
        if (bytes.Length != _prefix.Length)
        {
            return false;
        }

        var fullBytes = _prefixLength / 8;
        for (var i = 0; i < fullBytes; i++)
        {
            if (bytes[i] != _prefix[i])
            {
                return false;
            }
        }

        var remainingBits = _prefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (bytes[fullBytes] & mask) == (_prefix[fullBytes] & mask);
    }

    private static bool TryParseLength(string text, bool mapped, ref int length, int maxLength)
    {
        if (!DecimalDigits.TryParse(text, DecimalDigits.MaxDigits, out var parsed))
        {
            return false;
        }

        // A mapped address names an IPv4 host inside ::ffff:0:0/96, so its length counts from bit 96.
        if (mapped)
        {
            parsed -= 96;
        }

        if (parsed < 0 || parsed > maxLength)
        {
            return false;
        }

        length = parsed;
        return true;
    }

    private static IPAddress Normalize(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6
            ? address.MapToIPv4()
            : address;
}
