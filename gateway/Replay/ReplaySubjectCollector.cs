using Kwaf.Index;
using Kwaf.Ratings;
using Kwaf.Subjects;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// Gathers the subjects above the ok level from the risk index and rates each as of its own last event in the log,
/// so that a scanner active in April still shows how it stood then, not how its points decayed by October.
/// </summary>
internal sealed class ReplaySubjectCollector(IGrainFactory grains)
{
    private const int PageSize = 1000;

    public async Task<ReplaySubjects> CollectAsync(int top, CancellationToken cancellationToken)
    {
        var entries = await ReadIndexAsync();
        var ratings = new SubjectRating?[entries.Count];
        await Parallel.ForAsync(
            0,
            entries.Count,
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, _) => ratings[i] = await RateAsync(entries[i]));

        var flagged = ratings.OfType<SubjectRating>()
            .Where(r => r.Level > RiskLevel.Ok)
            .OrderByDescending(r => r.Score)
            .ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var byLevel = flagged.GroupBy(r => LevelName(r.Level))
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var byDecision = flagged.GroupBy(r => DecisionName(r))
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var listed = (top == 0 ? flagged : flagged.Take(top)).Select(ToSubject).ToList();
        return new ReplaySubjects(byLevel, byDecision, listed);
    }

    public static string LevelName(RiskLevel level) => level.ToString().ToLowerInvariant();

    private static string DecisionName(SubjectRating rating) =>
        (rating.Decision?.Kind ?? Kwaf.Decisions.DecisionKind.Allow).ToString().ToLowerInvariant();

    private static ReplaySubject ToSubject(SubjectRating rating) => new(
        rating.Kind,
        rating.Id,
        Math.Round(rating.Score, 1),
        LevelName(rating.Level),
        DecisionName(rating),
        rating.Decision?.Expires,
        rating.TotalEvents,
        rating.LastSeen,
        rating.Signals.Select(s => new ReplaySignal(s.Name, Math.Round(s.Points, 1), s.Count, s.Evidence)).ToList());

    private async Task<List<RiskIndexEntry>> ReadIndexAsync()
    {
        var index = grains.GetGrain<IRiskIndexGrain>(IRiskIndexGrain.Key);
        var entries = new List<RiskIndexEntry>();
        string? cursor = null;
        do
        {
            var page = await index.GetPageAsync(null, 0, PageSize, cursor);
            entries.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null);

        return entries;
    }

    private Task<SubjectRating?> RateAsync(RiskIndexEntry entry)
    {
        ISubjectGrain grain = entry.Kind == "user"
            ? grains.GetGrain<IUserGrain>(SubjectKey.ForUser(entry.Id).ToGrainKey())
            : grains.GetGrain<IClientIpGrain>(SubjectKey.ForIp(entry.Id).ToGrainKey());
        return grain.GetRatingAsync(null);
    }
}
