using Kwaf.Decisions;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Rates every subject a replay saw and ranks them by the highest score each reached during the log, with the
/// signals of that moment and the last decision kwaf made for it. A scanner active in April is reported as it stood
/// then, not as its points had decayed by the end of the log. Subjects that stayed ok are counted, and listed only on
/// request.
/// </summary>
internal sealed class ReplaySubjectCollector(ReplayEngine engine)
{
    private static readonly Dictionary<RiskLevel, string> LevelNames =
        Enum.GetValues<RiskLevel>().ToDictionary(level => level, level => level.ToString().ToLowerInvariant());

    private static readonly Dictionary<DecisionKind, string> DecisionNames =
        Enum.GetValues<DecisionKind>().ToDictionary(kind => kind, kind => kind.ToString().ToLowerInvariant());

    public ReplaySubjects Collect(int top, bool includeOk)
    {
        var byLevel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var byDecision = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var listed = new List<ReplaySubject>();
        foreach (var key in engine.NamedSubjects)
        {
            if (engine.StandingOf(key) is not { } standing)
            {
                continue;
            }

            var level = LevelNames[standing.Peak?.Level ?? RiskLevel.Ok];
            var decision = DecisionNames[standing.LastDecision?.Kind ?? DecisionKind.Allow];
            byLevel[level] = byLevel.GetValueOrDefault(level) + 1;
            byDecision[decision] = byDecision.GetValueOrDefault(decision) + 1;
            if (includeOk || standing.Peak is { Level: not RiskLevel.Ok })
            {
                listed.Add(ToSubject(key, standing, level, decision));
            }
        }

        var ranked = listed
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Events)
            .ThenBy(s => s.Kind, StringComparer.Ordinal)
            .ThenBy(s => s.Id, StringComparer.Ordinal);
        return new ReplaySubjects(byLevel, byDecision, top == 0 ? ranked.ToList() : ranked.Take(top).ToList());
    }

    private static ReplaySubject ToSubject(SubjectKey key, ReplayStanding standing, string level, string decision)
    {
        var peak = standing.Peak;
        var last = standing.LastDecision;
        return new ReplaySubject(
            key.KindName,
            key.Id,
            Math.Floor((peak?.Score ?? 0) * 10) / 10,
            level,
            decision,
            last?.DecidedAt,
            last?.Expires,
            last?.Offence ?? 0,
            peak?.At,
            Math.Floor(standing.Score * 10) / 10,
            LevelNames[standing.Level],
            standing.Events,
            standing.FirstSeen,
            standing.LastSeen,
            (peak?.Signals ?? []).Select(s => new ReplaySignal(s.Name, Math.Round(s.Points, 1), s.Count, s.Evidence))
                .ToList());
    }
}
