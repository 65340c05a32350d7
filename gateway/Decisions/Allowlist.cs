using System.Net;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// The networks that are never throttled or blocked (monitors, offices behind NAT). Consulted before any decision:
/// an allowlisted address is allowed whatever the cache holds. Built from validated options and replaced as a whole
/// when the configuration is reloaded (<see cref="AllowlistReloader"/>).
/// </summary>
/// <remarks>
/// Concurrency: the entries live in one immutable <see cref="Entries"/> object, read with one volatile read and
/// replaced with one volatile write, so a check sees either the old list or the new one, never a mix.
/// </remarks>
internal sealed class Allowlist
{
    private Entries _entries;

    public Allowlist(IEnumerable<string> entries) => _entries = Parse(entries);

    /// <summary>Raised after <see cref="Replace"/> changed the entries, on the caller's thread.</summary>
    public event EventHandler? Changed;

    public bool IsEmpty => Volatile.Read(ref _entries).Networks.Length == 0;

    /// <summary>The entries as configured, in order.</summary>
    public IReadOnlyList<string> Texts => Volatile.Read(ref _entries).Texts;

    /// <summary>The entries as networks of the base library, for the HAProxy maps.</summary>
    public IReadOnlyList<IPNetwork> Networks => Volatile.Read(ref _entries).LibraryNetworks;

    /// <summary>Whether <paramref name="canonicalIp"/> lies in one of the networks.</summary>
    public bool Contains(string? canonicalIp)
    {
        // Parsed once per check, not once per network: this runs on every check when an allowlist is configured.
        var networks = Volatile.Read(ref _entries).Networks;
        if (canonicalIp is null || networks.Length == 0 || !IPAddress.TryParse(canonicalIp, out var address))
        {
            return false;
        }

        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Replaces every entry. Throws <see cref="ArgumentException"/> naming the first entry that is not an address or
    /// network, and then leaves the entries as they were.
    /// </summary>
    public void Replace(IEnumerable<string> entries)
    {
        var parsed = Parse(entries);
        Volatile.Write(ref _entries, parsed);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    private static Entries Parse(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var texts = new List<string>();
        var networks = new List<IpNetwork>();
        foreach (var entry in entries)
        {
            if (!IpAddressCanonicalizer.TryParseCidr(entry, out var network, out var reason))
            {
                throw new ArgumentException($"Allowlist entry '{entry}' is not an address or network: {reason}.");
            }

            texts.Add(entry);
            networks.Add(network);
        }

        var library = new IPNetwork[networks.Count];
        for (var i = 0; i < networks.Count; i++)
        {
            library[i] = new IPNetwork(networks[i].Network, networks[i].PrefixLength);
        }

        return new Entries([.. texts], [.. networks], library);
    }

    private sealed record Entries(string[] Texts, IpNetwork[] Networks, IPNetwork[] LibraryNetworks);
}
