namespace Kwaf.Index;

/// <summary>One page of the risk index, riskiest first.</summary>
/// <param name="Items">The entries.</param>
/// <param name="Next">Opaque cursor of the next page, or null on the last page.</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.RiskPage")]
public sealed record RiskPage(
    [property: Id(0)] IReadOnlyList<RiskIndexEntry> Items,
    [property: Id(1)] string? Next);
