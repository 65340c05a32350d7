using Kwaf.Decisions;
using Kwaf.Ratings;

namespace Kwaf.Gateway.Ratings;

/// <summary>
/// One subject as the REST API shows it: its rating, the decision in force and what explains both, the highest rating
/// it reached (<see cref="Peak"/>), and in shadow mode the shadow decision in force (<see cref="ShadowDecision"/>: what
/// would be enforced, but is not).
/// </summary>
internal sealed record SubjectView(
    string Kind,
    string Id,
    double Score,
    RiskLevel Level,
    DecisionKind Decision,
    DateTimeOffset? DecisionExpires,
    string? DecisionId,
    DecisionOrigin? DecisionOrigin,
    string? DecisionReason,
    bool Allowlisted,
    IReadOnlyList<SignalReport> Signals,
    long TotalEvents,
    IReadOnlyList<EndpointShare> Endpoints,
    IReadOnlyList<WindowView> Windows,
    IReadOnlyList<string> Peers,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset AsOf,
    Decision? LastDecision,
    Decision? ShadowDecision,
    RatingPeak? Peak)
{
    /// <summary>Builds the view from a grain's rating and the decision that the decision cache enforces.</summary>
    public static SubjectView From(SubjectRating rating, Decision? enforced, bool allowlisted, Decision? shadow = null)
    {
        var decision = allowlisted ? null : enforced;
        return new SubjectView(
            rating.Kind,
            rating.Id,
            Math.Floor(rating.Score * 10) / 10,
            rating.Level,
            decision?.Kind ?? DecisionKind.Allow,
            decision?.Expires,
            decision?.Id,
            decision?.Origin,
            decision?.Reason,
            allowlisted || rating.Allowlisted,
            rating.Signals,
            rating.TotalEvents,
            rating.Endpoints,
            rating.Windows.Select(WindowView.From).ToArray(),
            rating.Peers,
            rating.FirstSeen,
            rating.LastSeen,
            rating.AsOf,
            rating.LastDecision,
            allowlisted ? null : shadow,
            rating.Peak);
    }
}
