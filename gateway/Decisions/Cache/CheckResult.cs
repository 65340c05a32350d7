using Kwaf.Decisions;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>What the decision cache says about a request.</summary>
/// <param name="Kind">Allow, throttle or block.</param>
/// <param name="Decision">The decision that applies, or null when none does.</param>
internal readonly record struct CheckResult(DecisionKind Kind, Decision? Decision)
{
    /// <summary>No decision applies.</summary>
    public static CheckResult Allowed => default;
}
