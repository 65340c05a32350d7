using Kwaf.Decisions;

namespace Kwaf.Grains.Decisions;

/// <summary>
/// What the decision board persists (storage <c>decisions</c>, state name <c>decisionBoard</c>). Written before any
/// change is acknowledged (changes that come together share a write), so a crash loses no acknowledged change while
/// the store is healthy. Plain properties so it round-trips through System.Text.Json.
/// </summary>
[GenerateSerializer]
[Alias("kwaf.DecisionBoardState")]
internal sealed class DecisionBoardState
{
    /// <summary>The board version after the last change; never goes back.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>Every decision held (at most one per target and origin), possibly expired but not yet purged.</summary>
    [Id(1)]
    public List<Decision> Decisions { get; set; } = [];

    /// <summary>Decisions lifted by an operator whose original expiry has not passed yet.</summary>
    [Id(2)]
    public List<DecisionLift> Lifts { get; set; } = [];
}
