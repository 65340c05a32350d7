using Kwaf.Decisions;
using Kwaf.Grains.Policy;
using Kwaf.Grains.Subjects;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Grains.Audit;

/// <summary>Builds the audit records of what grains did and hands them to a sink.</summary>
internal static class AuditRecords
{
    /// <summary>How many of the strongest signals a record lists.</summary>
    public const int TopSignals = 5;

    /// <summary>
    /// Records the decisions of one ingested batch and, when the subject's level differs from
    /// <paramref name="levelBefore"/>, one level change. A batch that crossed several levels is recorded as one
    /// change from the level before the batch to the level after it, and the signals listed are those at the end of
    /// the batch; each decision's cause is the policy's reason as of the moment it was made.
    /// </summary>
    public static void RecordIngest(
        this IAuditSink sink,
        SubjectKey key,
        RiskLevel levelBefore,
        IngestResult result,
        SubjectState state,
        RiskScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(scorer);
        var levelChanged = result.IndexEntry is { } entry && entry.Level != levelBefore;
        if (result.Decisions.Count == 0 && !levelChanged)
        {
            return;
        }

        var now = state.Counters.LastSeen;
        var signals = Strongest(scorer.ReportsAt(state.Signals, now));
        foreach (var decision in result.Decisions)
        {
            var kind = decision.Shadow ? AuditRecordKind.ShadowDecision : AuditRecordKind.Decision;
            sink.TryRecord(FromDecision(kind, decision, decision.DecidedAt, signals) with
            {
                Level = scorer.LevelOf(decision.Score),
            });
        }

        if (levelChanged)
        {
            var (kind, id) = AuditTarget.FromSubject(key);
            sink.TryRecord(new AuditRecord(AuditRecordKind.LevelChange, now, kind, id)
            {
                PreviousLevel = levelBefore,
                Level = result.IndexEntry!.Level,
                Score = result.IndexEntry.Score,
                Signals = signals,
            });
        }
    }

    /// <summary>Records a manual decision added by <paramref name="actor"/>.</summary>
    public static void RecordManualAdd(this IAuditSink sink, Decision decision, string actor)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(decision);
        sink.TryRecord(FromDecision(AuditRecordKind.ManualAdd, decision, decision.DecidedAt, []) with
        {
            Actor = actor,
        });
    }

    /// <summary>Records that <paramref name="actor"/> lifted <paramref name="decision"/> at <paramref name="at"/>.
    /// </summary>
    public static void RecordLift(this IAuditSink sink, Decision decision, string actor, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(decision);
        sink.TryRecord(FromDecision(AuditRecordKind.Lift, decision, at, []) with { Actor = actor });
    }

    /// <summary>
    /// Records that <paramref name="decision"/>, in force for an allowlisted address, is not enforced (C-14), with
    /// <paramref name="cause"/> as the record's cause.
    /// </summary>
    public static void RecordAllowlistIgnored(
        this IAuditSink sink,
        Decision decision,
        string cause,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(decision);
        sink.TryRecord(FromDecision(AuditRecordKind.AllowlistIgnored, decision, at, []) with { Cause = cause });
    }

    private static AuditRecord FromDecision(
        AuditRecordKind kind,
        Decision decision,
        DateTimeOffset at,
        IReadOnlyList<AuditSignal> signals)
    {
        var (subjectKind, subjectId) = AuditTarget.FromDecisionTarget(decision.Target);
        return new AuditRecord(kind, at, subjectKind, subjectId)
        {
            DecisionId = decision.Id,
            Decision = decision.Kind,
            Origin = decision.Origin,
            Score = decision.Origin == DecisionOrigin.Policy ? decision.Score : null,
            Signals = signals,
            Expires = decision.Expires,
            Cause = decision.Reason,
        };
    }

    private static List<AuditSignal> Strongest(List<SignalReport> reports)
    {
        reports.Sort(static (left, right) => right.Points.CompareTo(left.Points));
        var count = Math.Min(reports.Count, TopSignals);
        var signals = new List<AuditSignal>(count);
        for (var i = 0; i < count; i++)
        {
            signals.Add(new AuditSignal(reports[i].Name, Math.Round(reports[i].Points, 2)));
        }

        return signals;
    }
}
