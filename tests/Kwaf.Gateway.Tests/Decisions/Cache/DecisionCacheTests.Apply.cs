using Kwaf.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using static Kwaf.Gateway.Tests.Decisions.Cache.CacheTestData;

namespace Kwaf.Gateway.Tests.Decisions.Cache;

public sealed partial class DecisionCacheTests
{
    [Fact]
    public void Apply_DeltaAfterSnapshot_AppliesChangesInOrder()
    {
        var block = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes);
        var throttle = Policy("u:" + User, DecisionKind.Throttle, InTenMinutes);
        var cache = CacheWith(block);

        cache.Apply(Delta(Set(2, throttle), Lift(3, block)));

        Assert.Equal(3, cache.Version);
        Assert.Equal(new CheckResult(DecisionKind.Throttle, throttle), cache.Check(Ip, User, Noon));
        Assert.Equal(CheckResult.Allowed, cache.Check(Ip, null, Noon));
    }

    [Fact]
    public void Apply_DeltaAtOrBelowVersion_Ignored()
    {
        var block = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes);
        var cache = new DecisionCache();
        cache.Apply(Snapshot(5, block));

        cache.Apply(Delta(Lift(4, block), Lift(5, block)));

        Assert.Equal(5, cache.Version);
        Assert.Equal(DecisionKind.Block, cache.Check(Ip, null, Noon).Kind);
    }

    [Fact]
    public void Apply_DeltaWithGap_StopsBeforeGap()
    {
        var first = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes);
        var afterGap = Policy("u:" + User, DecisionKind.Block, InTenMinutes);
        var cache = CacheWith();

        cache.Apply(Delta(Set(2, first), Set(4, afterGap)));

        Assert.Equal(2, cache.Version);
        Assert.Equal(DecisionKind.Block, cache.Check(Ip, null, Noon).Kind);
        Assert.Equal(CheckResult.Allowed, cache.Check(null, User, Noon));
    }

    [Fact]
    public void Apply_DeltaBeforeFirstSnapshot_Ignored()
    {
        var cache = new DecisionCache();

        cache.Apply(Delta(Set(7, Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes))));

        Assert.Equal(-1, cache.Version);
        Assert.Equal(CheckResult.Allowed, cache.Check(Ip, null, Noon));
    }

    [Fact]
    public void Apply_NewerSnapshot_ReplacesEverything()
    {
        var cache = CacheWith(Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes));
        var user = Manual("u:" + User, DecisionKind.Block, InTenMinutes);

        cache.Apply(Snapshot(9, user));

        Assert.Equal(9, cache.Version);
        Assert.Equal(CheckResult.Allowed, cache.Check(Ip, null, Noon));
        Assert.Equal(DecisionKind.Block, cache.Check(null, User, Noon).Kind);
    }

    [Fact]
    public void Apply_OlderSnapshot_Ignored()
    {
        var block = Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes);
        var cache = new DecisionCache();
        cache.Apply(Snapshot(9, block));

        cache.Apply(Snapshot(8));

        Assert.Equal(9, cache.Version);
        Assert.Equal(DecisionKind.Block, cache.Check(Ip, null, Noon).Kind);
    }

    [Fact]
    public void Reset_OlderSnapshot_ReplacesEverything()
    {
        var cache = new DecisionCache();
        cache.Apply(Snapshot(9, Policy("ip:" + Ip, DecisionKind.Block, InTenMinutes)));

        cache.Reset(Snapshot(2));

        Assert.Equal(2, cache.Version);
        Assert.Equal(CheckResult.Allowed, cache.Check(Ip, null, Noon));
    }

    [Fact]
    public void Apply_PolicyReplacedForSameTarget_NewDecisionApplies()
    {
        var throttle = Policy("ip:" + Ip, DecisionKind.Throttle, InTenMinutes);
        var block = Policy("ip:" + Ip, DecisionKind.Block, Noon.AddMinutes(1));
        var cache = CacheWith(throttle);

        cache.Apply(Delta(Set(2, block)));

        Assert.Equal(new CheckResult(DecisionKind.Block, block), cache.Check(Ip, null, Noon));
        Assert.Equal(CheckResult.Allowed, cache.Check(Ip, null, Noon.AddMinutes(2)));
    }
}
