using System.Net;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// The networks that are never throttled or blocked (monitors, offices behind NAT). Consulted before any decision:
/// an allowlisted address is allowed whatever the cache holds. Built once from validated options.
/// </summary>
internal sealed class Allowlist
{
    private readonly IpNetwork[] _networks;

    public Allowlist(IEnumerable<string> entries)
    {
        var networks = new List<IpNetwork>();
        foreach (var entry in entries)
        {
            if (!IpAddressCanonicalizer.TryParseCidr(entry, out var network, out var reason))
            {
                throw new ArgumentException($"Allowlist entry '{entry}' is not an address or network: {reason}.");
            }

            networks.Add(network);
        }

        _networks = [.. networks];
    }

    public bool IsEmpty => _networks.Length == 0;

    /// <summary>Whether <paramref name="canonicalIp"/> lies in one of the networks.</summary>
    public bool Contains(string? canonicalIp)
    {
        // Parsed once per check, not once per network: this runs on every check when an allowlist is configured.
        if (canonicalIp is null || _networks.Length == 0 || !IPAddress.TryParse(canonicalIp, out var address))
        {
            return false;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
