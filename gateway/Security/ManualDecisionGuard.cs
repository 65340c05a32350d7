using System.Net.Sockets;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion.Addresses;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Security;

/// <summary>
/// Refuses a manual block or throttle that would cut kwaf off from its own traffic: one on a trusted proxy (every
/// client behind it would be blocked, and its events would stop counting for anyone), or on one of kwaf's own
/// addresses (the proxies' checks and the operator's own calls could be refused). A network counts when it holds or
/// overlaps such an address. Allow decisions are never refused.
/// </summary>
internal sealed class ManualDecisionGuard
{
    private readonly IpNetwork[] _trustedProxies;
    private readonly OwnAddresses _own;

    public ManualDecisionGuard(IOptions<ClientIpOptions> clientIp, Microsoft.AspNetCore.Hosting.Server.IServer server)
    {
        var proxies = new List<IpNetwork>();
        foreach (var entry in clientIp.Value.TrustedProxies)
        {
            if (IpAddressCanonicalizer.TryParseCidr(entry, out var network, out _))
            {
                proxies.Add(network);
            }
        }

        _trustedProxies = [.. proxies];
        _own = new OwnAddresses(server);
    }

    /// <summary>
    /// Why a block or throttle of <paramref name="target"/> (a grain key such as <c>ip:203.0.113.7</c> or
    /// <c>cidr:203.0.113.0/24</c>) is refused, with the request field it came from; null when it is not.
    /// </summary>
    public ManualDecisionRefusal? Check(string target)
    {
        if (!TryReadNetwork(target, out var network, out var field))
        {
            return null;
        }

        foreach (var proxy in _trustedProxies)
        {
            if (Overlaps(network, proxy))
            {
                return new ManualDecisionRefusal(field, $"{Subject(network, field)} the trusted proxy {proxy} "
                    + $"({ClientIpOptions.SectionName}:TrustedProxies): every client behind it would be refused; "
                    + "send \"force\": true to confirm",
                    ManualDecisionRefusal.TrustedProxy);
            }
        }

        foreach (var (own, what) in _own.List())
        {
            if (own.Network is not null && Overlaps(network, own))
            {
                return new ManualDecisionRefusal(field, $"{Subject(network, field)} {own}, kwaf's own "
                    + $"addresses ({what}): kwaf would refuse itself, its proxies or its operators; send "
                    + "\"force\": true to confirm",
                    ManualDecisionRefusal.OwnAddress);
            }
        }

        return null;
    }

    private static string Subject(IpNetwork network, string field) =>
        field == "ip" ? $"{IpAddressCanonicalizer.Format(network.Network)} is or lies in" : $"{network} overlaps";

    private static bool TryReadNetwork(string target, out IpNetwork network, out string field)
    {
        network = default;
        field = target.StartsWith("cidr:", StringComparison.Ordinal) ? "cidr" : "ip";
        var text = field == "cidr" ? target.AsSpan(5) : target.AsSpan();
        if (field == "ip")
        {
            if (!target.StartsWith("ip:", StringComparison.Ordinal))
            {
                return false;
            }

            text = text[3..];
        }

        return IpAddressCanonicalizer.TryParseCidr(text, out network, out _);
    }

    private static bool Overlaps(IpNetwork a, IpNetwork b) =>
        a.Network.AddressFamily == b.Network.AddressFamily
        && (a.Contains(b.Network) || b.Contains(a.Network))
        && a.Network.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}
