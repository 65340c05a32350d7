using Kwaf.Decisions;
using Kwaf.Grains.Policy;
using Kwaf.Ratings;

namespace Kwaf.Grains.Tests.Policy;

public sealed class DecisionPolicyTests
{
    private const string Target = "ip:203.0.113.9";
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly DecisionPolicy _policy = new(new PolicyOptions());
    private readonly DecisionLedger _ledger = new();

    private Decision? Decide(RiskLevel level, DateTimeOffset at, bool allowlisted = false) =>
        _policy.Decide(_ledger, Target, level == RiskLevel.Critical ? 90 : 65, level, "probing (30)", at, allowlisted);

    [Fact]
    public void Decide_CriticalRepeatedAfterEachExpiry_EscalatesBlockLengths()
    {
        var first = Decide(RiskLevel.Critical, T0)!;
        var second = Decide(RiskLevel.Critical, first.Expires.AddSeconds(1))!;
        var third = Decide(RiskLevel.Critical, second.Expires.AddSeconds(1))!;

        var fourth = Decide(RiskLevel.Critical, third.Expires.AddSeconds(1))!;

        Assert.Equal(TimeSpan.FromMinutes(10), first.Expires - first.DecidedAt);
        Assert.Equal(TimeSpan.FromHours(1), second.Expires - second.DecidedAt);
        Assert.Equal(TimeSpan.FromHours(24), third.Expires - third.DecidedAt);
        Assert.Equal(TimeSpan.FromHours(24), fourth.Expires - fourth.DecidedAt);
        Assert.Equal([1, 2, 3, 4], new[] { first.Offence, second.Offence, third.Offence, fourth.Offence });
    }

    [Fact]
    public void Decide_HighRepeatedAfterEachExpiry_EscalatesThrottleLengths()
    {
        var first = Decide(RiskLevel.High, T0)!;
        var second = Decide(RiskLevel.High, first.Expires)!;

        var third = Decide(RiskLevel.High, second.Expires)!;

        Assert.Equal(
            [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)],
            new[] { first.Expires - T0, second.Expires - first.Expires, third.Expires - second.Expires });
        Assert.All(new[] { first, second, third }, d => Assert.Equal(DecisionKind.Throttle, d.Kind));
    }

    [Fact]
    public void Decide_SubjectKeepsKnocking_ExpiryDoesNotMove()
    {
        var block = Decide(RiskLevel.Critical, T0)!;

        var again = Decide(RiskLevel.Critical, T0.AddMinutes(9));

        Assert.Null(again);
        Assert.Equal(T0.AddMinutes(10), _ledger.LastDecision!.Expires);
        Assert.Same(block, _ledger.LastDecision);
    }

    [Fact]
    public void Decide_SubjectKeepsKnockingAfterThrottle_EscalationIsANewDecision()
    {
        var throttle = Decide(RiskLevel.High, T0)!;
        var knock = Decide(RiskLevel.High, T0.AddMinutes(1));

        var block = Decide(RiskLevel.Critical, T0.AddMinutes(2))!;
        var knockAgain = Decide(RiskLevel.Critical, T0.AddMinutes(9));

        Assert.Null(knock);
        Assert.Null(knockAgain);
        Assert.NotEqual(throttle.Id, block.Id);
        Assert.Equal(T0.AddMinutes(5), throttle.Expires);
        Assert.Equal(T0.AddMinutes(12), block.Expires);
        Assert.Same(block, _ledger.LastDecision);
    }

    [Fact]
    public void Decide_ShadowMode_DecisionCarriesShadowAndKnockingDoesNotRepeatIt()
    {
        var policy = new DecisionPolicy(new PolicyOptions { Shadow = true });
        var ledger = new DecisionLedger();

        var block = policy.Decide(ledger, Target, 90, RiskLevel.Critical, "probing (30)", T0, allowlisted: false)!;
        var again = policy.Decide(ledger, Target, 90, RiskLevel.Critical, "probing (30)", T0.AddMinutes(1), false);

        Assert.True(block.Shadow);
        Assert.Equal(T0.AddMinutes(10), block.Expires);
        Assert.Null(again);
    }

    [Fact]
    public void Decide_ShadowBlockInForceAfterShadowSwitchedOff_EnforcedBlockReplacesItAtOnce()
    {
        var ledger = new DecisionLedger();
        var shadow = new DecisionPolicy(new PolicyOptions { Shadow = true })
            .Decide(ledger, Target, 90, RiskLevel.Critical, "probing (30)", T0, allowlisted: false)!;

        var enforced = new DecisionPolicy(new PolicyOptions())
            .Decide(ledger, Target, 90, RiskLevel.Critical, "probing (30)", T0.AddMinutes(1), allowlisted: false);

        Assert.NotNull(enforced);
        Assert.False(enforced.Shadow);
        Assert.NotEqual(shadow.Id, enforced.Id);
        Assert.Equal(2, enforced.Offence);
    }

    [Fact]
    public void Decide_CriticalWhileThrottled_BlockSupersedesThrottle()
    {
        Decide(RiskLevel.High, T0);

        var block = Decide(RiskLevel.Critical, T0.AddMinutes(1));

        Assert.NotNull(block);
        Assert.Equal(DecisionKind.Block, block.Kind);
        Assert.Equal(T0.AddMinutes(11), block.Expires);
        Assert.Equal(DecisionKind.Block, _ledger.ActiveAt(T0.AddMinutes(2))!.Kind);
    }

    [Fact]
    public void Decide_HighWhileBlocked_KeepsBlock()
    {
        var block = Decide(RiskLevel.Critical, T0);

        var throttle = Decide(RiskLevel.High, T0.AddMinutes(1));

        Assert.Null(throttle);
        Assert.Same(block, _ledger.ActiveAt(T0.AddMinutes(1)));
    }

    [Theory]
    [InlineData(RiskLevel.Ok)]
    [InlineData(RiskLevel.Suspicious)]
    public void Decide_BelowHigh_MakesNoDecision(RiskLevel level)
    {
        var decision = Decide(level, T0);

        Assert.Null(decision);
        Assert.Equal(0, _ledger.Sequence);
    }

    [Fact]
    public void Decide_Allowlisted_NeverDecides()
    {
        var decision = Decide(RiskLevel.Critical, T0, allowlisted: true);

        Assert.Null(decision);
        Assert.Null(_ledger.LastDecision);
    }

    [Fact]
    public void Decide_SeveralDecisions_GivesDeterministicUniqueIds()
    {
        var throttle = Decide(RiskLevel.High, T0)!;

        var block = Decide(RiskLevel.Critical, T0.AddMinutes(1))!;

        Assert.Equal("ip:203.0.113.9#1", throttle.Id);
        Assert.Equal("ip:203.0.113.9#2", block.Id);
        Assert.Equal((Target, DecisionOrigin.Policy, "probing (30)"), (block.Target, block.Origin, block.Reason));
    }

    [Fact]
    public void Decide_LongAfterLastExpiry_RestartsAtFirstStep()
    {
        var first = Decide(RiskLevel.Critical, T0)!;

        var later = Decide(RiskLevel.Critical, first.Expires.AddHours(25))!;

        Assert.Equal(1, later.Offence);
        Assert.Equal(TimeSpan.FromMinutes(10), later.Expires - later.DecidedAt);
    }

    [Fact]
    public void ActiveAt_AtExpiry_IsNoLongerActive()
    {
        var block = Decide(RiskLevel.Critical, T0)!;

        var atExpiry = _ledger.ActiveAt(block.Expires);

        Assert.Null(atExpiry);
        Assert.Same(block, _ledger.ActiveAt(block.Expires.AddTicks(-1)));
    }
}
