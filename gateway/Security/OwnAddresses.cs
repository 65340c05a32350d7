using System.Net;
using System.Net.NetworkInformation;
using Kwaf.Gateway.Ingestion.Addresses;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Kwaf.Gateway.Security;

/// <summary>
/// The addresses that are kwaf's own: loopback, this host's interface addresses and the addresses the gateway
/// listens on. Read when asked (manual decisions are rare), so an interface that came up after start counts too.
/// </summary>
internal sealed class OwnAddresses(IServer server)
{
    private static readonly (IpNetwork Network, string What)[] Loopback =
    [
        (new IpNetwork(IPAddress.Parse("127.0.0.0"), 8), "loopback"),
        (new IpNetwork(IPAddress.IPv6Loopback, 128), "loopback"),
    ];

    /// <summary>Each own network or address, with what it is.</summary>
    public IReadOnlyList<(IpNetwork Network, string What)> List()
    {
        var own = new List<(IpNetwork, string)>(Loopback);
        foreach (var address in InterfaceAddresses())
        {
            own.Add((Host(address), "this host's network interfaces"));
        }

        foreach (var address in ListenAddresses())
        {
            own.Add((Host(address), "the gateway's listen addresses"));
        }

        return own;
    }

    private static IpNetwork Host(IPAddress address)
    {
        var text = IpAddressCanonicalizer.Format(address);
        return IpAddressCanonicalizer.TryParseCidr(text, out var network, out _) ? network : default;
    }

    private static List<IPAddress> InterfaceAddresses()
    {
        var addresses = new List<IPAddress>();
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    addresses.Add(unicast.Address);
                }
            }
        }
        catch (NetworkInformationException)
        {
            // A host that does not list its interfaces still has loopback and its listen addresses checked.
        }

        return addresses;
    }

    private List<IPAddress> ListenAddresses()
    {
        var addresses = new List<IPAddress>();
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var url in urls)
        {
            // Wildcards (0.0.0.0, ::, *, +) and host names name no single address of kwaf's.
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri)
                && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
                && !address.Equals(IPAddress.Any)
                && !address.Equals(IPAddress.IPv6Any))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }
}
