using Kwaf.Index;

namespace Kwaf.Grains.Index;

/// <summary>
/// What the risk index persists (storage <c>decisions</c>, state name <c>riskIndex</c>): its entries, in no order.
/// Written when changed, at most once per flush interval and on deactivation.
/// </summary>
[GenerateSerializer]
[Alias("kwaf.RiskIndexState")]
internal sealed class RiskIndexState
{
    [Id(0)]
    public List<RiskIndexEntry> Entries { get; set; } = [];
}
