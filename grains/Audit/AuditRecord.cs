using Kwaf.Decisions;
using Kwaf.Ratings;

namespace Kwaf.Grains.Audit;

/// <summary>
/// One entry of the audit log: what kwaf decided or an operator did, about which subject, when and why. Fields that
/// do not apply to a kind are null (a level change has no decision id; a manual action has no level).
/// </summary>
/// <param name="Kind">What the record tells.</param>
/// <param name="At">When it happened: event time for policy decisions and level changes, the clock for manual
/// actions.</param>
/// <param name="SubjectKind"><c>ip</c>, <c>cidr</c> or <c>user</c>.</param>
/// <param name="SubjectId">The canonical address, network or user id.</param>
internal sealed record AuditRecord(AuditRecordKind Kind, DateTimeOffset At, string SubjectKind, string SubjectId)
{
    /// <summary>The store's sequence number, assigned when written; 0 before. Orders records of the same instant.
    /// </summary>
    public long Sequence { get; init; }

    /// <summary>When kwaf recorded it, by the host clock.</summary>
    public DateTimeOffset RecordedAt { get; init; }

    public string? DecisionId { get; init; }

    public DecisionKind? Decision { get; init; }

    public DecisionOrigin? Origin { get; init; }

    /// <summary>For a level change, the level before.</summary>
    public RiskLevel? PreviousLevel { get; init; }

    /// <summary>The level at the time (the new level of a level change).</summary>
    public RiskLevel? Level { get; init; }

    public double? Score { get; init; }

    public IReadOnlyList<AuditSignal> Signals { get; init; } = [];

    public DateTimeOffset? Expires { get; init; }

    /// <summary>Why: the policy's reason or the operator's.</summary>
    public string? Cause { get; init; }

    /// <summary>Who, for manual actions.</summary>
    public string? Actor { get; init; }
}
