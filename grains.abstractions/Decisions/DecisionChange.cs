namespace Kwaf.Decisions;

/// <summary>One entry of the decision board's change feed.</summary>
/// <param name="Version">Board version after this change; strictly increasing.</param>
/// <param name="Target">The decision's target.</param>
/// <param name="Decision">The decision now in force for the target from this origin, or null when lifted.</param>
/// <param name="Origin">Which origin's slot changed (a target holds at most one decision of each origin).</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.DecisionChange")]
public sealed record DecisionChange(
    [property: Id(0)] long Version,
    [property: Id(1)] string Target,
    [property: Id(2)] Decision? Decision,
    [property: Id(3)] DecisionOrigin Origin);
