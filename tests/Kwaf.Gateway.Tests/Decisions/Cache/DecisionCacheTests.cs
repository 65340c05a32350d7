using Kwaf.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using static Kwaf.Gateway.Tests.Decisions.Cache.CacheTestData;

namespace Kwaf.Gateway.Tests.Decisions.Cache;

public sealed partial class DecisionCacheTests
{
    private const string Ip = "203.0.113.7";
    private const string User = "alice";
    private static readonly DateTimeOffset InTenMinutes = Noon.AddMinutes(10);

    private static DecisionCache CacheWith(params Decision[] decisions)
    {
        var cache = new DecisionCache();
        cache.Apply(Snapshot(1, decisions));
        return cache;
    }

    [Fact]
    public void Check_EmptyCache_AllowsWithoutDecision()
    {
        var cache = new DecisionCache();

        var result = cache.Check(Ip, User, Noon);

        Assert.Equal(CheckResult.Allowed, result);
        Assert.Equal(-1, cache.Version);
    }

    [Theory]
    [InlineData(39, 59, DecisionKind.Block)]
    [InlineData(40, 0, DecisionKind.Allow)]
    [InlineData(40, 1, DecisionKind.Allow)]
    public void Check_BlockExpiringAt1240_AppliesOnlyBeforeExpiry(int minute, int second, DecisionKind expected)
    {
        var block = Policy("ip:" + Ip, DecisionKind.Block, new DateTimeOffset(2025, 3, 1, 12, 40, 0, TimeSpan.Zero));
        var cache = CacheWith(block);

        var result = cache.Check(Ip, null, new DateTimeOffset(2025, 3, 1, 12, minute, second, TimeSpan.Zero));

        Assert.Equal(expected, result.Kind);
    }

    [Fact]
    public void Check_ShadowPolicyBlock_AllowsAndReportsTheShadowDecision()
    {
        var shadow = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes) with { Shadow = true };
        var cache = CacheWith(shadow);

        var result = cache.Check(Ip, null, Noon);

        Assert.Equal(DecisionKind.Allow, result.Kind);
        Assert.Null(result.Decision);
        Assert.Same(shadow, result.Shadow);
    }

    [Fact]
    public void Check_ShadowPolicyBlockAndManualThrottle_ManualEnforcedShadowReported()
    {
        var shadow = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes) with { Shadow = true };
        var manual = Manual("ip:" + Ip, DecisionKind.Throttle, InTenMinutes);
        var cache = CacheWith(shadow, manual);

        var result = cache.Check(Ip, null, Noon);

        Assert.Equal((DecisionKind.Throttle, manual, shadow), (result.Kind, result.Decision, result.Shadow));
    }

    [Fact]
    public void Check_PolicyBlockOnUser_BlocksAnyIp()
    {
        var block = Policy("u:" + User, DecisionKind.Block, InTenMinutes);
        var cache = CacheWith(block);

        var result = cache.Check("198.51.100.1", User, Noon);

        Assert.Equal(new CheckResult(DecisionKind.Block, block), result);
    }

    [Fact]
    public void Check_ManualAllowAndPolicyBlock_ManualAllowWins()
    {
        var allow = Manual("ip:" + Ip, DecisionKind.Allow, InTenMinutes);
        var cache = CacheWith(Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes), allow);

        var result = cache.Check(Ip, null, Noon);

        Assert.Equal(new CheckResult(DecisionKind.Allow, allow), result);
    }

    [Fact]
    public void Check_ManualAllowOnIpAndPolicyBlockOnUser_ManualAllowWins()
    {
        var allow = Manual("ip:" + Ip, DecisionKind.Allow, InTenMinutes);
        var cache = CacheWith(Policy("u:" + User, DecisionKind.Block, InTenMinutes), allow);

        var result = cache.Check(Ip, User, Noon);

        Assert.Equal(new CheckResult(DecisionKind.Allow, allow), result);
    }

    [Fact]
    public void Check_ManualAllowAndManualThrottleOnUser_ThrottleWins()
    {
        var throttle = Manual("u:" + User, DecisionKind.Throttle, InTenMinutes);
        var cache = CacheWith(Manual("ip:" + Ip, DecisionKind.Allow, InTenMinutes), throttle);

        var result = cache.Check(Ip, User, Noon);

        Assert.Equal(new CheckResult(DecisionKind.Throttle, throttle), result);
    }

    [Fact]
    public void Check_ManualThrottleAndPolicyBlock_ManualWins()
    {
        var throttle = Manual("ip:" + Ip, DecisionKind.Throttle, InTenMinutes);
        var cache = CacheWith(Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes), throttle);

        var result = cache.Check(Ip, null, Noon);

        Assert.Equal(new CheckResult(DecisionKind.Throttle, throttle), result);
    }

    [Fact]
    public void Check_ManualBlockAndManualThrottle_StrictestWins()
    {
        var block = Manual("cidr:203.0.113.0/24", DecisionKind.Block, Noon.AddMinutes(1));
        var cache = CacheWith(Manual("ip:" + Ip, DecisionKind.Throttle, InTenMinutes), block);

        var result = cache.Check(Ip, null, Noon);

        Assert.Equal(new CheckResult(DecisionKind.Block, block), result);
    }

    [Fact]
    public void Check_PolicyThrottleOnIpAndBlockOnUser_StrictestWins()
    {
        var block = Policy("u:" + User, DecisionKind.Block, Noon.AddMinutes(1));
        var cache = CacheWith(Policy("ip:" + Ip, DecisionKind.Throttle, InTenMinutes), block);

        var result = cache.Check(Ip, User, Noon);

        Assert.Equal(new CheckResult(DecisionKind.Block, block), result);
    }

    [Fact]
    public void Check_TwoPolicyBlocks_LongerExpiryWins()
    {
        var longer = Policy("u:" + User, DecisionKind.Block, Noon.AddHours(1));
        var cache = CacheWith(Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes), longer);

        var result = cache.Check(Ip, User, Noon);

        Assert.Same(longer, result.Decision);
    }

    [Fact]
    public void Check_ExpiredManualAllow_PolicyApplies()
    {
        var block = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes);
        var cache = CacheWith(block, Manual("ip:" + Ip, DecisionKind.Allow, Noon.AddMinutes(1)));

        var result = cache.Check(Ip, null, Noon.AddMinutes(2));

        Assert.Equal(new CheckResult(DecisionKind.Block, block), result);
    }

    [Theory]
    [InlineData("cidr:203.0.113.0/24", "203.0.113.7", DecisionKind.Block)]
    [InlineData("cidr:203.0.113.0/25", "203.0.113.200", DecisionKind.Allow)]
    [InlineData("cidr:2001:db8::/32", "2001:db8:1::5", DecisionKind.Block)]
    [InlineData("cidr:2001:db8::/32", "2001:db9::5", DecisionKind.Allow)]
    [InlineData("cidr:::ffff:10.1.0.0/112", "10.1.2.3", DecisionKind.Block)]
    [InlineData("cidr:10.1.0.0/16", "::ffff:10.1.2.3", DecisionKind.Block)]
    [InlineData("cidr:10.1.0.0/16", "2001:db8::1", DecisionKind.Allow)]
    public void Check_ManualNetworkBlock_MatchesContainedAddresses(string target, string ip, DecisionKind expected)
    {
        var cache = CacheWith(Manual(target, DecisionKind.Block, InTenMinutes));

        var result = cache.Check(ip, null, Noon);

        Assert.Equal(expected, result.Kind);
    }

    [Fact]
    public void Check_NoMatchingDecisionWithoutNetworks_AllocatesNothing()
    {
        var cache = CacheWith(Policy("ip:198.51.100.9", DecisionKind.Block, InTenMinutes));
        cache.Check(Ip, User, Noon);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = cache.Check(Ip, User, Noon);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(CheckResult.Allowed, result);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Active_SomeExpired_ReturnsOnlyActive()
    {
        var active = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes);
        var cache = CacheWith(active, Manual("u:" + User, DecisionKind.Block, Noon.AddMinutes(1)));

        var result = cache.Active(Noon.AddMinutes(1));

        Assert.Equal([active], result);
    }
}
