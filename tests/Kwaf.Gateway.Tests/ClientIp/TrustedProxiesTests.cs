using System.Net;
using Kwaf.Gateway.ClientIp;

namespace Kwaf.Gateway.Tests.ClientIp;

public sealed class TrustedProxiesTests
{
    private static readonly TrustedProxies Proxies = new(["192.0.2.10", "198.51.100.0/25", "2001:db8:ffff::/48"]);

    [Theory]
    [InlineData("192.0.2.10", true)]
    [InlineData("192.0.2.11", false)]
    [InlineData("198.51.100.0", true)]
    [InlineData("198.51.100.127", true)]
    [InlineData("198.51.100.128", false)]
    [InlineData("::ffff:192.0.2.10", true)]
    [InlineData("::ffff:198.51.100.200", false)]
    [InlineData("2001:db8:ffff:1234::1", true)]
    [InlineData("2001:db8:fffe::1", false)]
    [InlineData("::c000:20a", false)]
    public void Contains_Address_MatchesItsNetworkOnly(string address, bool expected)
    {
        var contained = Proxies.Contains(IPAddress.Parse(address));

        Assert.Equal(expected, contained);
    }

    [Fact]
    public void Contains_MappedNetworkEntry_MatchesThePlainIpv4Address()
    {
        var proxies = new TrustedProxies(["::ffff:203.0.113.0/120"]);

        Assert.True(proxies.Contains(IPAddress.Parse("203.0.113.77")));
    }

    [Fact]
    public void Contains_NoEntries_IsEmptyAndMatchesNothing()
    {
        var none = new TrustedProxies([]);

        Assert.True(none.IsEmpty);
        Assert.False(none.Contains(IPAddress.Parse("192.0.2.10")));
        Assert.False(none.Contains("192.0.2.10"));
    }

    [Fact]
    public void Constructor_BadEntry_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrustedProxies(["192.0.2.0/33"]));

        Assert.Contains("'192.0.2.0/33'", error.Message, StringComparison.Ordinal);
    }
}
