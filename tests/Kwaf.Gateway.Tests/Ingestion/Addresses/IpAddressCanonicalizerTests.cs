using Kwaf.Gateway.Ingestion.Addresses;

namespace Kwaf.Gateway.Tests.Ingestion.Addresses;

public sealed class IpAddressCanonicalizerTests
{
    [Theory]
    [InlineData("2001:db8:0:1287::1:1", "2001:db8:0:1287::1:1")]
    [InlineData("2001:DB8:0:1287:0:0:1:1", "2001:db8:0:1287::1:1")]
    [InlineData("2001:0db8:0000:1287:0000:0000:0001:0001", "2001:db8:0:1287::1:1")]
    [InlineData("2001:db8:0:1287::1", "2001:db8:0:1287::1")]
    [InlineData("2001:db8::7%eth0", "2001:db8::7")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("::1.2.3.4", "::102:304")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    [InlineData("[2001:db8::1]:8443", "2001:db8::1")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("0:0:0:0:0:ffff:cb00:7109", "203.0.113.9")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData(" 203.0.113.9 ", "203.0.113.9")]
    [InlineData("203.0.113.9:51234", "203.0.113.9")]
    [InlineData("[::ffff:203.0.113.9]:80", "203.0.113.9")]
    public void TryCanonicalize_ValidSpelling_GivesCanonicalKey(string text, string expected)
    {
        var ok = IpAddressCanonicalizer.TryCanonicalize(text, out var canonical, out var reason);
        var spanOk = IpAddressCanonicalizer.TryCanonicalize(text.AsSpan(), out var fromSpan, out _);

        Assert.True(ok, $"'{text}' was rejected: {reason}");
        Assert.Equal(expected, canonical);
        Assert.True(spanOk);
        Assert.Equal(expected, fromSpan);
    }

    [Fact]
    public void TryCanonicalize_StrictDottedQuad_IsItsOwnKey()
    {
        var text = new string("198.51.100.23".AsSpan());

        var ok = IpAddressCanonicalizer.TryCanonicalize(text, out var canonical, out _);

        Assert.True(ok);
        Assert.Same(text, canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("unknown")]
    [InlineData("1.2.3")]
    [InlineData("127.1")]
    [InlineData("0x7f.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("010.1.1.1")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1.2.3.4:99999")]
    [InlineData("1.2.3.4:")]
    [InlineData("[2001:db8::1")]
    [InlineData("[2001:db8::1]x")]
    [InlineData("2001:db8::g")]
    [InlineData("12345")]
    [InlineData("198.51.100.23\0")]
    [InlineData("198.51.100.23\0\0")]
    [InlineData("198.51.100.23:80\0")]
    [InlineData("[2001:db8::1]:80\0")]
    [InlineData("2001:db8::1\0")]
    public void TryCanonicalize_NotAnAddress_RejectsWithReason(string text)
    {
        var ok = IpAddressCanonicalizer.TryCanonicalize(text, out var canonical, out var reason);
        var spanOk = IpAddressCanonicalizer.TryCanonicalize(text.AsSpan(), out _, out var spanReason);

        Assert.False(ok);
        Assert.Null(canonical);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.False(spanOk);
        Assert.Equal(reason, spanReason);
    }

    [Fact]
    public void TryCanonicalize_HostName_SaysHostName()
    {
        var ok = IpAddressCanonicalizer.TryCanonicalize("crawl-66-249-73-135.googlebot.com", out _, out var reason);

        Assert.False(ok);
        Assert.Equal("host name, not an address", reason);
    }

    [Theory]
    [InlineData("2001:db8:1:3:abcd::1", 64, "2001:db8:1:3::/64")]
    [InlineData("2001:db8:1:3:abcd::1", 48, "2001:db8:1::/48")]
    [InlineData("203.0.113.77", 24, "203.0.113.0/24")]
    public void ToPrefixKey_Address_GivesNetworkText(string ip, int prefix, string expected)
    {
        var key = IpAddressCanonicalizer.ToPrefixKey(ip, prefix);

        Assert.Equal(expected, key);
    }
}
