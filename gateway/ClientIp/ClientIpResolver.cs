using System.Diagnostics.CodeAnalysis;
using System.Net;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Addresses;
using Microsoft.Extensions.Primitives;

namespace Kwaf.Gateway.ClientIp;

/// <summary>
/// The one rule that names the client of an event or a check, given the peer (the address the reporting proxy saw,
/// or the <c>ip</c> a check asks about) and the values of the configured forwarded header:
/// <list type="number">
/// <item>A peer that is not a trusted proxy is the client; the header is not read at all.</item>
/// <item>From a trusted peer, the header is walked from the right (the nearest hop; with several header lines, the
/// last line first). Empty list elements are skipped, and so are trusted proxies. The first hop that is not a trusted
/// proxy decides: an address is the client; anything else (<c>unknown</c>, an obfuscated <c>_name</c>, garbage, a
/// Forwarded element without exactly one <c>for=</c>) leaves the event unattributed, because everything left of it
/// was written by a party no trusted proxy vouches for, so the client could have written it.</item>
/// <item>A header that names no untrusted hop, or no header, leaves the event unattributed: the trusted proxy never
/// becomes the client.</item>
/// </list>
/// Addresses are canonicalized like every other address (ports dropped, IPv4-mapped folded, RFC 5952), and quoted
/// values (<c>for="[2001:db8::1]:4711"</c>) are unquoted. Never throws for any header text. Allocates nothing when the
/// peer is not trusted or no header is present.
/// </summary>
internal sealed partial class ClientIpResolver
{
    private readonly TrustedProxies _trusted;
    private readonly ILogger<ClientIpResolver> _logger;

    public ClientIpResolver(TrustedProxies trusted, ForwardedHeaderKind header, ILogger<ClientIpResolver> logger)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        ArgumentNullException.ThrowIfNull(logger);
        _trusted = trusted;
        _logger = logger;
        Header = header;
        HeaderName = ForwardedHeaderNames.NameOf(header);
    }

    /// <summary>The header whose values <see cref="Resolve"/> reads.</summary>
    public ForwardedHeaderKind Header { get; }

    /// <summary>Its HTTP name, for reading it from a request.</summary>
    public string HeaderName { get; }

    /// <summary>Whether no proxy is trusted, so that every peer is its own client.</summary>
    public bool TrustsNoProxy => _trusted.IsEmpty;

    /// <summary>
    /// Names the client of a peer given as text when that needs no parsing: with no proxy trusted every peer is its
    /// own client, and a strict dotted quad is its own key. False when the peer must be parsed and
    /// <see cref="Resolve"/>d.
    /// </summary>
    public bool TryResolveUnparsed([NotNullWhen(true)] string? peer, out ClientIpResolution resolution)
    {
        var own = TrustsNoProxy && IpAddressCanonicalizer.IsStrictDottedQuad(peer);
        resolution = own ? new ClientIpResolution(peer, ClientIpSource.Peer) : default;
        return own;
    }

    /// <summary>The value of the configured header an event carries (null when the event has none).</summary>
    public string? HeaderOf(EventDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Header switch
        {
            ForwardedHeaderKind.Forwarded => draft.Forwarded,
            ForwardedHeaderKind.XRealIp => draft.RealIp,
            _ => draft.ForwardedFor,
        };
    }

    /// <summary>Names the client of a request that <paramref name="peer"/> reported.</summary>
    /// <param name="peer">The peer address, parsed (IPv4-mapped folded or not).</param>
    /// <param name="canonicalPeer">The peer's canonical key, returned when the peer is the client.</param>
    /// <param name="forwarded">The values of the configured forwarded header, in the order they arrived.</param>
    public ClientIpResolution Resolve(IPAddress peer, string canonicalPeer, StringValues forwarded)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (!_trusted.Contains(peer))
        {
            return new ClientIpResolution(canonicalPeer, ClientIpSource.Peer);
        }

        var resolution = new ClientIpResolution(null, ClientIpSource.NoClientNamed);
        for (var index = forwarded.Count - 1; index >= 0; index--)
        {
            if (TryWalk(forwarded[index], out resolution))
            {
                break;
            }
        }

        if (resolution.IsUnattributed)
        {
            Log.Unattributed(_logger, canonicalPeer, resolution.Source);
        }

        return resolution;
    }

    /// <summary>Walks one header value from the right; true once a hop decided the outcome.</summary>
    private bool TryWalk(string? value, out ClientIpResolution resolution)
    {
        resolution = new ClientIpResolution(null, ClientIpSource.NoClientNamed);
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var comma = ForwardedHop.LastListSeparator(rest);
            var element = rest[(comma + 1)..].Trim();
            rest = comma < 0 ? [] : rest[..comma];
            if (element.IsEmpty)
            {
                continue;
            }

            if (!ForwardedHop.TryRead(element, Header, out var address))
            {
                resolution = new ClientIpResolution(null, ClientIpSource.UnreadableHop);
                return true;
            }

            if (!_trusted.Contains(address))
            {
                resolution = new ClientIpResolution(
                    IpAddressCanonicalizer.Format(address),
                    ClientIpSource.ForwardedHeader);
                return true;
            }
        }

        return false;
    }
}
