using Kwaf.Decisions;
using Kwaf.Ratings;

namespace Kwaf.Index;

/// <summary>A subject's line in the risk index: enough to sort and page without calling its grain.</summary>
/// <param name="Kind">Subject kind: <c>ip</c> or <c>user</c>.</param>
/// <param name="Id">Canonical IP or user id.</param>
/// <param name="Score">Score when the entry was last updated.</param>
/// <param name="Level">Level when the entry was last updated.</param>
/// <param name="Decision">Policy decision kind then in force.</param>
/// <param name="UpdatedAt">Event time of the update.</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.RiskIndexEntry")]
public sealed record RiskIndexEntry(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] double Score,
    [property: Id(3)] RiskLevel Level,
    [property: Id(4)] DecisionKind Decision,
    [property: Id(5)] DateTimeOffset UpdatedAt);
