using System.Net;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.ClientIp;

/// <summary>The configured trusted proxies, parsed once: the networks whose forwarded headers kwaf believes.</summary>
internal sealed class TrustedProxies
{
    private readonly IpNetwork[] _networks;

    public TrustedProxies(IEnumerable<string> entries)
    {
        var networks = new List<IpNetwork>();
        foreach (var entry in entries)
        {
            if (!IpAddressCanonicalizer.TryParseCidr(entry, out var network, out var reason))
            {
                throw new ArgumentException($"Trusted proxy '{entry}' is not an address or network: {reason}.");
            }

            networks.Add(network);
        }

        _networks = [.. networks];
    }

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Whether <paramref name="address"/> lies in one of the trusted networks.</summary>
    public bool Contains(IPAddress address)
    {
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the canonical address text <paramref name="canonicalIp"/> is a trusted proxy.</summary>
    public bool Contains(string? canonicalIp) =>
        canonicalIp is not null && _networks.Length > 0 && IPAddress.TryParse(canonicalIp, out var address)
        && Contains(address);
}
