using Kwaf.Decisions;

namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>Turns decisions into <see cref="EdgeVerdict"/> values and those into the words the maps hold.</summary>
internal static class EdgeVerdicts
{
    /// <summary>
    /// The verdict a decision stands for; <see cref="EdgeVerdict.None"/> for a policy allow and for a shadow decision,
    /// which is never enforced at the edge.
    /// </summary>
    public static EdgeVerdict Of(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Shadow)
        {
            return EdgeVerdict.None;
        }

        var manual = decision.Origin == DecisionOrigin.Manual;
        return decision.Kind switch
        {
            DecisionKind.Block => manual ? EdgeVerdict.ManualBlock : EdgeVerdict.Block,
            DecisionKind.Throttle => manual ? EdgeVerdict.ManualThrottle : EdgeVerdict.Throttle,
            DecisionKind.Allow when manual => EdgeVerdict.Allow,
            _ => EdgeVerdict.None,
        };
    }

    /// <summary>The map value; haproxy.cfg matches these exact words.</summary>
    public static string ToMapValue(EdgeVerdict verdict) => verdict switch
    {
        EdgeVerdict.Throttle => "throttle",
        EdgeVerdict.Block => "block",
        EdgeVerdict.Allow => "allow",
        EdgeVerdict.ManualThrottle => "manual-throttle",
        EdgeVerdict.ManualBlock => "manual-block",
        EdgeVerdict.Allowlisted => "allowlisted",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "No map value for an absent verdict."),
    };
}
