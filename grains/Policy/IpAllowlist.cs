using System.Net;

namespace Kwaf.Grains.Policy;

/// <summary>The parsed <see cref="PolicyOptions.Allowlist"/>. Immutable after construction; safe to share.</summary>
internal sealed class IpAllowlist
{
    private readonly IReadOnlyList<IpNetwork> _networks;

    /// <summary>Parses the entries; bad entries are skipped (the options validator rejects them).</summary>
    /// <param name="entries">The configured entries.</param>
    public IpAllowlist(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var networks = new List<IpNetwork>();
        foreach (var entry in entries)
        {
            if (IpNetwork.TryParse(entry.Trim(), out var network))
            {
                networks.Add(network);
            }
        }

        _networks = networks;
    }

    /// <summary>Tests an address given as text.</summary>
    /// <param name="ip">The address.</param>
    /// <returns>True when it parses and an entry holds it.</returns>
    public bool Contains(string ip)
    {
        if (_networks.Count == 0 || !IPAddress.TryParse(ip, out var address))
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
