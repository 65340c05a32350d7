using Kwaf.Decisions;
using Kwaf.Grains.Audit;
using Kwaf.Ratings;

namespace Kwaf.Gateway.Audit;

/// <summary>One audit record as GET /audit shows it. Fields that do not apply to the kind are null.</summary>
internal sealed record AuditRecordView(
    string Kind,
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    string SubjectKind,
    string SubjectId,
    string? DecisionId,
    DecisionKind? Decision,
    DecisionOrigin? Origin,
    RiskLevel? PreviousLevel,
    RiskLevel? Level,
    double? Score,
    IReadOnlyList<AuditSignal> Signals,
    DateTimeOffset? Expires,
    string? Cause,
    string? Actor)
{
    public static AuditRecordView From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditRecordView(
            AuditNames.Of(record.Kind),
            record.At,
            record.RecordedAt,
            record.SubjectKind,
            record.SubjectId,
            record.DecisionId,
            record.Decision,
            record.Origin,
            record.PreviousLevel,
            record.Level,
            record.Score,
            record.Signals,
            record.Expires,
            record.Cause,
            record.Actor);
    }
}
