using Kwaf.Decisions;

namespace Kwaf.Grains.Decisions;

/// <summary>
/// The record that a decision was lifted. The board keeps it until the lifted decision would have expired, so that a
/// late copy of the same decision (same target and id, decided no later than the lift) cannot bring it back.
/// </summary>
[GenerateSerializer]
[Alias("kwaf.DecisionLift")]
internal sealed class DecisionLift
{
    [Id(0)]
    public string DecisionId { get; set; } = string.Empty;

    [Id(1)]
    public string Target { get; set; } = string.Empty;

    [Id(2)]
    public DecisionOrigin Origin { get; set; }

    [Id(3)]
    public DateTimeOffset LiftedAt { get; set; }

    [Id(4)]
    public string LiftedBy { get; set; } = string.Empty;

    /// <summary>The lifted decision's own expiry: after it, the record is dropped.</summary>
    [Id(5)]
    public DateTimeOffset Expires { get; set; }

    /// <summary>The board version of the lift.</summary>
    [Id(6)]
    public long Version { get; set; }

    /// <summary>Whether <paramref name="decision"/> is a copy of the lifted decision, made no later than the lift.
    /// </summary>
    public bool Suppresses(Decision decision) =>
        string.Equals(decision.Id, DecisionId, StringComparison.Ordinal)
        && string.Equals(decision.Target, Target, StringComparison.Ordinal)
        && decision.DecidedAt <= LiftedAt;
}
