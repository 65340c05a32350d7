using System.Net;
using Kwaf.Grains.Policy;

namespace Kwaf.Grains.Tests.Policy;

public sealed class IpNetworkTests
{
    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.200", true)]
    [InlineData("192.0.2.0/24", "192.0.3.1", false)]
    [InlineData("192.0.2.1", "192.0.2.1", true)]
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    [InlineData("198.51.100.0/22", "198.51.103.255", true)]
    [InlineData("198.51.100.0/22", "198.51.104.0", false)]
    [InlineData("0.0.0.0/0", "203.0.113.5", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("192.0.2.0/24", "::ffff:192.0.2.7", true)]
    [InlineData("::ffff:192.0.2.0/120", "192.0.2.7", true)]
    [InlineData("192.0.2.0/24", "2001:db8::1", false)]
    public void Contains_Address_MatchesPrefix(string network, string address, bool expected)
    {
        Assert.True(IpNetwork.TryParse(network, out var parsed));

        var contains = parsed.Contains(IPAddress.Parse(address));

        Assert.Equal(expected, contains);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-ip")]
    [InlineData("192.0.2.0/33")]
    [InlineData("192.0.2.0/-1")]
    [InlineData("2001:db8::/129")]
    [InlineData("12345")]
    [InlineData("192.0.2.0/")]
    [InlineData("192.0.2.0/24\0")]
    [InlineData("2001:db8::/32\0")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        var parsed = IpNetwork.TryParse(text, out _);

        Assert.False(parsed);
    }
}
