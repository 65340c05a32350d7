using System.Net;
using System.Net.Sockets;

namespace Kwaf.Gateway.Ingestion.Addresses;

/// <summary>
/// An address range such as <c>203.0.113.0/24</c>, with host bits cleared. Build it with
/// <see cref="IpAddressCanonicalizer.TryParseCidr"/>. An IPv4 network also contains the IPv4-mapped IPv6 spelling of
/// its addresses.
/// </summary>
internal readonly record struct IpNetwork(IPAddress Network, int PrefixLength)
{
    /// <summary>Whether <paramref name="canonicalIp"/> lies in this network; false when it is not an address.</summary>
    public bool Contains(string canonicalIp) =>
        IpAddressCanonicalizer.TryCanonicalize(canonicalIp, out var canonical, out _)
        && Contains(IPAddress.Parse(canonical));

    /// <summary>Whether <paramref name="address"/> lies in this network.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Network is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        return ClearHostBits(address, PrefixLength).Equals(Network);
    }

    /// <summary>Canonical text, for example <c>203.0.113.0/24</c> or <c>2001:db8:1:3::/64</c>.</summary>
    public override string ToString() =>
        Network is null ? string.Empty : $"{IpAddressCanonicalizer.Format(Network)}/{PrefixLength}";

    internal static IPAddress ClearHostBits(IPAddress address, int prefixLength)
    {
        var length = address.AddressFamily == AddressFamily.InterNetwork ? 4 : 16;
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes = bytes[..length];
        for (var i = 0; i < length; i++)
        {
            var bitsKept = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsKept));
        }

        return new IPAddress(bytes);
    }
}
