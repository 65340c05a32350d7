using Kwaf.Decisions;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Rates every subject a replay saw and ranks them by the highest score each reached during the log, with the
/// signals of that moment and the last decision kwaf made for it. A scanner active in April is reported as it stood
/// then, not as its points had decayed by the end of the log. Subjects that stayed ok are listed only on request.
/// </summary>
internal sealed class ReplaySubjectCollector(ReplayEngine engine)
{
    public ReplaySubjects Collect(IReadOnlyCollection<SubjectKey> seen, int top, bool includeOk)
    {
        var subjects = seen.Select(engine.RatingOf).OfType<SubjectRating>().Select(ToSubject).ToList();
        var flagged = subjects.Where(s => includeOk || s.Level != "ok")
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Events)
            .ThenBy(s => s.Kind, StringComparer.Ordinal)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return new ReplaySubjects(
            CountBy(subjects, s => s.Level),
            CountBy(subjects, s => s.Decision),
            top == 0 ? flagged : flagged.Take(top).ToList());
    }

    private static SortedDictionary<string, long> CountBy(List<ReplaySubject> subjects, Func<ReplaySubject, string> key)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var subject in subjects)
        {
            counts[key(subject)] = counts.GetValueOrDefault(key(subject)) + 1;
        }

        return counts;
    }

    private static string Name(RiskLevel level) => level.ToString().ToLowerInvariant();

    private static string Name(DecisionKind kind) => kind.ToString().ToLowerInvariant();

    private static ReplaySubject ToSubject(SubjectRating rating)
    {
        var peak = rating.Peak;
        var last = rating.LastDecision;
        return new ReplaySubject(
            rating.Kind,
            rating.Id,
            Math.Floor((peak?.Score ?? 0) * 10) / 10,
            Name(peak?.Level ?? RiskLevel.Ok),
            Name(last?.Kind ?? DecisionKind.Allow),
            last?.DecidedAt,
            last?.Expires,
            last?.Offence ?? 0,
            peak?.At,
            Math.Floor(rating.Score * 10) / 10,
            Name(rating.Level),
            rating.TotalEvents,
            rating.FirstSeen,
            rating.LastSeen,
            (peak?.Signals ?? []).Select(s => new ReplaySignal(s.Name, Math.Round(s.Points, 1), s.Count, s.Evidence))
                .ToList());
    }
}
