using Kwaf.Decisions;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>What the decision cache says about a request.</summary>
/// <param name="Kind">Allow, throttle or block.</param>
/// <param name="Decision">The decision that applies, or null when none does.</param>
/// <param name="Shadow">
/// The strictest shadow decision in force (made in shadow mode, not enforced), or null: what would have applied.
/// </param>
internal readonly record struct CheckResult(DecisionKind Kind, Decision? Decision, Decision? Shadow = null)
{
    /// <summary>No decision applies.</summary>
    public static CheckResult Allowed => default;
}
