using Kwaf.Decisions;
using Kwaf.Grains.Decisions;

namespace Kwaf.Grains.Tests.Decisions;

public sealed class ManualDecisionRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("", DecisionKind.Block, 60, "ban", "Target")]
    [InlineData("cidr:10.0.0.1/8", DecisionKind.Block, 60, "ban", "Target")]
    [InlineData("ip:192.0.2.1", (DecisionKind)7, 60, "ban", "Kind")]
    [InlineData("ip:192.0.2.1", DecisionKind.Block, -1, "ban", "Duration")]
    [InlineData("ip:192.0.2.1", DecisionKind.Block, 60, "   ", "Reason")]
    public void CreateDecision_InvalidField_ParamNameIsField(
        string target,
        DecisionKind kind,
        int minutes,
        string reason,
        string field)
    {
        var duration = TimeSpan.FromMinutes(minutes);
        var request = new ManualDecisionRequest(target, kind, duration, reason, "ops");

        var exception = Assert.Throws<ArgumentException>(() => ManualDecisionRules.CreateDecision(request, Now));

        Assert.Equal(field, exception.ParamName);
    }

    [Fact]
    public void CreateDecision_ReasonOfMaxLength_Accepted()
    {
        var reason = new string('r', 512);
        var longest = TimeSpan.FromDays(365);
        var request = new ManualDecisionRequest("u:alice", DecisionKind.Throttle, longest, reason, "ops");

        var decision = ManualDecisionRules.CreateDecision(request, Now);

        Assert.Equal(Now.AddDays(365), decision.Expires);
        Assert.Equal(DecisionKind.Throttle, decision.Kind);
    }

    [Fact]
    public void CreateDecision_ReasonOverMaxLength_Throws()
    {
        var reason = new string('r', 513);
        var request = new ManualDecisionRequest("u:alice", DecisionKind.Block, TimeSpan.FromHours(1), reason, "ops");

        var exception = Assert.Throws<ArgumentException>(() => ManualDecisionRules.CreateDecision(request, Now));

        Assert.Equal("Reason", exception.ParamName);
    }

    [Fact]
    public void CreateDecision_AllowRequest_ManualAllowDecision()
    {
        var request = new ManualDecisionRequest(
            "cidr:2001:db8::/32",
            DecisionKind.Allow,
            TimeSpan.FromHours(1),
            "partner",
            "ops");

        var decision = ManualDecisionRules.CreateDecision(request, Now);

        Assert.Equal(
            new Decision(
                decision.Id,
                "cidr:2001:db8::/32",
                DecisionKind.Allow,
                DecisionOrigin.Manual,
                "partner",
                Score: 0,
                DecidedAt: Now,
                Expires: Now.AddHours(1),
                Offence: 0),
            decision);
    }
}
