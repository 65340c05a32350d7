using Kwaf.Decisions;
using Kwaf.Ratings;

namespace Kwaf.Gateway.Replay;

/// <summary>
/// What the replay report needs of one subject as of its newest event: the score and level of a rating without its
/// windows, breakdown and peers, which the report never shows.
/// </summary>
internal readonly record struct ReplayStanding(
    double Score,
    RiskLevel Level,
    long Events,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    RatingPeak? Peak,
    Decision? LastDecision);
