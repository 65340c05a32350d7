namespace Kwaf.Decisions;

/// <summary>An operator's request for a manual decision.</summary>
/// <param name="Target">Canonical target: <c>ip:ADDR</c>, <c>cidr:NETWORK/LEN</c> or <c>u:USER</c>.</param>
/// <param name="Kind">Block, throttle, or allow (an allow overrides the policy for the duration).</param>
/// <param name="Duration">How long it applies.</param>
/// <param name="Reason">The operator's reason, recorded with the decision.</param>
/// <param name="Actor">Who asked (an API key's name, or <c>anonymous</c>).</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.ManualDecisionRequest")]
public sealed record ManualDecisionRequest(
    [property: Id(0)] string Target,
    [property: Id(1)] DecisionKind Kind,
    [property: Id(2)] TimeSpan Duration,
    [property: Id(3)] string Reason,
    [property: Id(4)] string Actor);
