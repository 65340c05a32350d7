using Kwaf.Grains.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

public sealed class DecisionTargetTests
{
    [Theory]
    [InlineData("ip:192.0.2.1", "ip:192.0.2.1")]
    [InlineData("ip:2001:DB8:0::1", "ip:2001:db8::1")]
    [InlineData("ip:::ffff:192.0.2.9", "ip:192.0.2.9")]
    [InlineData("cidr:10.0.0.0/8", "cidr:10.0.0.0/8")]
    [InlineData("cidr:2001:DB8::/32", "cidr:2001:db8::/32")]
    [InlineData("cidr:::ffff:10.1.0.0/112", "cidr:10.1.0.0/16")]
    [InlineData("u:alice", "u:alice")]
    public void TryNormalize_ValidTarget_ReturnsCanonical(string target, string expected)
    {
        var valid = DecisionTarget.TryNormalize(target, out var canonical);

        Assert.True(valid, $"target {target} should be valid");
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("192.0.2.1")]
    [InlineData("ip:")]
    [InlineData("ip:999.0.0.1")]
    [InlineData("ip:fe80::1%2")]
    [InlineData("cidr:10.0.0.1/8")]
    [InlineData("cidr:10.0.0.0/33")]
    [InlineData("u:")]
    [InlineData("u:bad\nuser")]
    [InlineData("user:alice")]
    public void TryNormalize_InvalidTarget_ReturnsFalse(string target)
    {
        var valid = DecisionTarget.TryNormalize(target, out var canonical);

        Assert.False(valid, $"target {target} should be rejected");
        Assert.Null(canonical);
    }
}
