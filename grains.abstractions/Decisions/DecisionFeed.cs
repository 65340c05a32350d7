namespace Kwaf.Decisions;

/// <summary>What a decision cache needs to catch up: either the changes since its version or a full snapshot.</summary>
/// <param name="Version">The board's current version.</param>
/// <param name="IsSnapshot">True when <paramref name="Changes"/> is every decision in force, not a delta.</param>
/// <param name="Changes">The changes (or, for a snapshot, one change per decision in force).</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.DecisionFeed")]
public sealed record DecisionFeed(
    [property: Id(0)] long Version,
    [property: Id(1)] bool IsSnapshot,
    [property: Id(2)] IReadOnlyList<DecisionChange> Changes);
