using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Ingestion.Addresses;
using Microsoft.Extensions.Primitives;

namespace Kwaf.Gateway.Tests.ClientIp;

public sealed class ClientIpResolverTests
{
    private const string Proxy = "192.0.2.10";
    private const string ProxyNetwork = "192.0.2.0/24";
    private const string Ipv6Proxies = "2001:db8:ffff::/48";

    private static readonly ClientIpResolver Xff =
        TestClientIp.Trusting(ForwardedHeaderKind.XForwardedFor, ProxyNetwork, Ipv6Proxies);

    private static readonly ClientIpResolver Forwarded =
        TestClientIp.Trusting(ForwardedHeaderKind.Forwarded, ProxyNetwork, Ipv6Proxies);

    private static readonly ClientIpResolver RealIp =
        TestClientIp.Trusting(ForwardedHeaderKind.XRealIp, ProxyNetwork, Ipv6Proxies);

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("198.51.100.99, 203.0.113.51")]
    [InlineData("unknown")]
    [InlineData(null)]
    public void Resolve_UntrustedPeer_IsTheClientWhateverTheHeader(string? header)
    {
        var result = Resolve(Xff, "203.0.113.50", header);

        Assert.Equal(new ClientIpResolution("203.0.113.50", ClientIpSource.Peer), result);
    }

    [Theory]
    [InlineData("203.0.113.50", true)]
    [InlineData("010.1.1.1", false)]
    [InlineData("203.0.113.50:8080", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData(null, false)]
    public void TryResolveUnparsed_NoProxyTrusted_TakesOnlyADottedQuadAsItsOwnClient(string? peer, bool taken)
    {
        Assert.Equal(taken, TestClientIp.NoTrustedProxy.TryResolveUnparsed(peer, out var resolution));
        Assert.Equal(taken ? new ClientIpResolution(peer, ClientIpSource.Peer) : default, resolution);
    }

    [Fact]
    public void TryResolveUnparsed_ProxyTrusted_LeavesEveryPeerToResolve()
    {
        Assert.False(Xff.TryResolveUnparsed("203.0.113.50", out _));
    }

    [Theory]
    [InlineData("198.51.100.99, 203.0.113.51", "203.0.113.51")]
    [InlineData("198.51.100.99, 203.0.113.51, 192.0.2.11", "203.0.113.51")]
    [InlineData("203.0.113.51,192.0.2.11,2001:db8:ffff::1", "203.0.113.51")]
    [InlineData("198.51.100.99, 203.0.113.51, , ", "203.0.113.51")]
    [InlineData("203.0.113.5:1234", "203.0.113.5")]
    [InlineData("[2001:db8::1]:4711", "2001:db8::1")]
    [InlineData("\"[2001:db8::1]:4711\"", "2001:db8::1")]
    [InlineData("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("unknown, 203.0.113.51", "203.0.113.51")]
    public void Resolve_TrustedPeerXForwardedFor_NearestUntrustedHopIsTheClient(string header, string expected)
    {
        var result = Resolve(Xff, Proxy, header);

        Assert.Equal(new ClientIpResolution(expected, ClientIpSource.ForwardedHeader), result);
    }

    [Theory]
    [InlineData(null, nameof(ClientIpSource.NoClientNamed))]
    [InlineData("", nameof(ClientIpSource.NoClientNamed))]
    [InlineData(" , ,", nameof(ClientIpSource.NoClientNamed))]
    [InlineData("192.0.2.11, 192.0.2.10", nameof(ClientIpSource.NoClientNamed))]
    [InlineData("::ffff:192.0.2.11", nameof(ClientIpSource.NoClientNamed))]
    [InlineData("203.0.113.51, unknown", nameof(ClientIpSource.UnreadableHop))]
    [InlineData("203.0.113.51, _hidden, 192.0.2.11", nameof(ClientIpSource.UnreadableHop))]
    [InlineData("203.0.113.51, shop.example.com", nameof(ClientIpSource.UnreadableHop))]
    [InlineData("203.0.113.51, 203.0.113.52:99999", nameof(ClientIpSource.UnreadableHop))]
    [InlineData("203.0.113.51, 127.1", nameof(ClientIpSource.UnreadableHop))]
    [InlineData("203.0.113.51, \"203.0.113.52", nameof(ClientIpSource.UnreadableHop))]
    public void Resolve_TrustedPeerNamingNoBelievableClient_IsUnattributed(string? header, string source)
    {
        var result = Resolve(Xff, Proxy, header);

        Assert.Equal(new ClientIpResolution(null, Enum.Parse<ClientIpSource>(source)), result);
    }

    [Theory]
    [InlineData("for=198.51.100.99, for=203.0.113.51", "203.0.113.51")]
    [InlineData("for=192.0.2.60;proto=http;by=203.0.113.43, for=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17")]
    [InlineData("For=\"203.0.113.51:_port\";Proto=https, for=192.0.2.11", "203.0.113.51")]
    [InlineData("for=198.51.100.1, by=\"a,b\";for=203.0.113.51", "203.0.113.51")]
    [InlineData(" for = 203.0.113.51 ; proto=https ", "203.0.113.51")]
    [InlineData("for=\"[2001:db8::1]:_x\"", "2001:db8::1")]
    public void Resolve_TrustedPeerForwarded_ReadsTheForParameter(string header, string expected)
    {
        var result = Resolve(Forwarded, Proxy, header);

        Assert.Equal(new ClientIpResolution(expected, ClientIpSource.ForwardedHeader), result);
    }

    [Theory]
    [InlineData("for=203.0.113.51, for=unknown")]
    [InlineData("for=203.0.113.51, for=_hidden")]
    [InlineData("for=203.0.113.51, proto=https;by=192.0.2.10")]
    [InlineData("for=203.0.113.51, for=198.51.100.1;for=198.51.100.2")]
    [InlineData("for=203.0.113.51, 198.51.100.1")]
    [InlineData("for=203.0.113.51, for=\"198.51.100.1\\\"\"")]
    public void Resolve_TrustedPeerForwardedWithUnreadableNearestHop_IsUnattributed(string header)
    {
        var result = Resolve(Forwarded, Proxy, header);

        Assert.Equal(new ClientIpResolution(null, ClientIpSource.UnreadableHop), result);
    }

    [Fact]
    public void Resolve_SeveralHeaderLines_WalksTheLastLineFirst()
    {
        var peer = Parse(Proxy);

        var split = Xff.Resolve(peer, Proxy, new StringValues(["198.51.100.99", "203.0.113.51"]));
        var trustedLast = Xff.Resolve(peer, Proxy, new StringValues(["203.0.113.51", "192.0.2.11, "]));

        Assert.Equal("203.0.113.51", split.ClientIp);
        Assert.Equal("203.0.113.51", trustedLast.ClientIp);
    }

    [Theory]
    [InlineData("::ffff:192.0.2.10")]
    [InlineData("2001:db8:ffff:1::7")]
    public void Resolve_TrustedPeerInAnySpelling_ReadsTheHeader(string peer)
    {
        var result = Resolve(Xff, peer, "203.0.113.51");

        Assert.Equal("203.0.113.51", result.ClientIp);
    }

    [Fact]
    public void Resolve_XRealIp_ReadLikeAOneEntryList()
    {
        var named = Resolve(RealIp, Proxy, "203.0.113.51");
        var trusted = Resolve(RealIp, Proxy, "192.0.2.11");

        Assert.Equal("203.0.113.51", named.ClientIp);
        Assert.Equal(ClientIpSource.NoClientNamed, trusted.Source);
    }

    [Theory]
    [InlineData(nameof(ForwardedHeaderKind.XForwardedFor), "198.51.100.1")]
    [InlineData(nameof(ForwardedHeaderKind.Forwarded), "for=198.51.100.2")]
    [InlineData(nameof(ForwardedHeaderKind.XRealIp), "198.51.100.3")]
    public void HeaderOf_Draft_ReadsOnlyTheConfiguredHeader(string header, string expected)
    {
        var draft = new EventDraft
        {
            ForwardedFor = "198.51.100.1",
            Forwarded = "for=198.51.100.2",
            RealIp = "198.51.100.3",
        };

        var value = TestClientIp.Trusting(Enum.Parse<ForwardedHeaderKind>(header), ProxyNetwork).HeaderOf(draft);

        Assert.Equal(expected, value);
    }

    [Fact]
    public void Resolve_NoTrustedProxy_NeverReadsTheHeader()
    {
        var result = Resolve(TestClientIp.NoTrustedProxy, Proxy, "203.0.113.51");

        Assert.Equal(new ClientIpResolution(Proxy, ClientIpSource.Peer), result);
    }

    private static ClientIpResolution Resolve(ClientIpResolver resolver, string peer, string? header)
    {
        var address = Parse(peer);
        return resolver.Resolve(address, IpAddressCanonicalizer.Format(address), header);
    }

    private static System.Net.IPAddress Parse(string text)
    {
        Assert.True(IpAddressCanonicalizer.TryParse(text, out var address, out var reason), reason);
        return address;
    }
}
