using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.ClientIp;

/// <summary>
/// The configured trusted proxies, parsed once: the networks whose forwarded headers kwaf believes. Each network is
/// kept as a 128-bit value and mask, so that a lookup reads the address's bytes and allocates nothing (it runs for
/// every event and every check). An IPv4-mapped IPv6 address matches as its IPv4 address.
/// </summary>
internal sealed class TrustedProxies
{
    private readonly TrustedRange[] _ranges;

    public TrustedProxies(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ranges = new List<TrustedRange>();
        foreach (var entry in entries)
        {
            if (!IpAddressCanonicalizer.TryParseCidr(entry, out var network, out var reason))
            {
                throw new ArgumentException($"Trusted proxy '{entry}' is not an address or network: {reason}.");
            }

            var isV4 = network.Network.AddressFamily == AddressFamily.InterNetwork;
            var bits = isV4 ? 32 : 128;
            var mask = network.PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (bits - network.PrefixLength);
            mask &= isV4 ? uint.MaxValue : UInt128.MaxValue;
            ranges.Add(new TrustedRange(isV4, ValueOf(network.Network, out _) & mask, mask));
        }

        _ranges = [.. ranges];
    }

    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>Whether <paramref name="address"/> lies in one of the trusted networks.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_ranges.Length == 0)
        {
            return false;
        }

        var value = ValueOf(address, out var isV4);
        foreach (var range in _ranges)
        {
            if (range.IsV4 == isV4 && (value & range.Mask) == range.Network)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the canonical address text <paramref name="canonicalIp"/> is a trusted proxy.</summary>
    public bool Contains(string? canonicalIp) =>
        canonicalIp is not null && _ranges.Length > 0 && IPAddress.TryParse(canonicalIp, out var address)
        && Contains(address);

    /// <summary>The address as a number: IPv4 (and IPv4-mapped IPv6) in the low 32 bits, IPv6 in all 128.</summary>
    private static UInt128 ValueOf(IPAddress address, out bool isV4)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        if (written == 4)
        {
            isV4 = true;
            return BinaryPrimitives.ReadUInt32BigEndian(bytes);
        }

        isV4 = address.IsIPv4MappedToIPv6;
        return isV4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private readonly record struct TrustedRange(bool IsV4, UInt128 Network, UInt128 Mask);
}
