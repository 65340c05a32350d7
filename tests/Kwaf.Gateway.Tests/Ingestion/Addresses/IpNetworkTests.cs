using System.Net;
using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Tests.Ingestion.Addresses;

public sealed class IpNetworkTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("203.0.113.77/24", "203.0.113.0/24")]
    [InlineData("192.0.2.10/32", "192.0.2.10/32")]
    [InlineData("192.0.2.10", "192.0.2.10/32")]
    [InlineData("2001:DB8:1:3::5/64", "2001:db8:1:3::/64")]
    [InlineData("::ffff:203.0.113.0/120", "203.0.113.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void TryParseCidr_ValidText_GivesCanonicalNetwork(string text, string expected)
    {
        var ok = IpAddressCanonicalizer.TryParseCidr(text, out var network, out var reason);

        Assert.True(ok, reason);
        Assert.Equal(expected, network.ToString());
    }

    [Theory]
    [InlineData("203.0.113.0/33")]
    [InlineData("203.0.113.0/-1")]
    [InlineData("203.0.113.0/")]
    [InlineData("2001:db8::/129")]
    [InlineData("::ffff:203.0.113.0/64")]
    [InlineData("example.com/24")]
    [InlineData("203.0.113.0:80/24")]
    public void TryParseCidr_InvalidText_RejectsWithReason(string text)
    {
        var ok = IpAddressCanonicalizer.TryParseCidr(text, out _, out var reason);

        Assert.False(ok);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.9", true)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.9", true)]
    [InlineData("203.0.113.0/24", "203.0.114.9", false)]
    [InlineData("203.0.113.0/24", "2001:db8::1", false)]
    [InlineData("2001:db8:1:3::/64", "2001:db8:1:3:ffff::1", true)]
    [InlineData("2001:db8:1:3::/64", "2001:db8:1:4::1", false)]
    [InlineData("::ffff:203.0.113.0/120", "203.0.113.200", true)]
    [InlineData("192.0.2.1/32", "192.0.2.1", true)]
    [InlineData("192.0.2.1/32", "192.0.2.2", false)]
    [InlineData("192.0.2.1/32", "not-an-ip", false)]
    public void Contains_Address_MatchesByPrefix(string cidr, string ip, bool expected)
    {
        Assert.True(IpAddressCanonicalizer.TryParseCidr(cidr, out var network, out _));

        var contains = network.Contains(ip);

        Assert.Equal(expected, contains);
    }

    [Fact]
    public void Contains_MappedIPAddressObject_MatchesIpv4Network()
    {
        Assert.True(IpAddressCanonicalizer.TryParseCidr("203.0.113.0/24", out var network, out _));
        var mapped = IPAddress.Parse("::ffff:203.0.113.9");

        var contains = network.Contains(mapped);

        Assert.True(contains);
    }
}
