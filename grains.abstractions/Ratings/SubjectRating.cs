using Kwaf.Decisions;

namespace Kwaf.Ratings;

/// <summary>A subject's rating with everything that explains it, as of <paramref name="AsOf"/>.</summary>
/// <param name="Kind">Subject kind as the API names it: <c>ip</c> or <c>user</c>.</param>
/// <param name="Id">Canonical IP or user id.</param>
/// <param name="Score">Score 0-100 after decay to <paramref name="AsOf"/>.</param>
/// <param name="Level">The score's band.</param>
/// <param name="Decision">The policy decision in force at <paramref name="AsOf"/>, or null.</param>
/// <param name="LastDecision">The most recent policy decision, in force or expired, or null.</param>
/// <param name="Signals">Signals with points above zero, strongest first.</param>
/// <param name="TotalEvents">Events since first seen, including those older than the window.</param>
/// <param name="Endpoints">Per-endpoint breakdown, busiest first, bounded (see the counters' documentation).</param>
/// <param name="Windows">Counters summed over the detection windows and over the whole sliding window.</param>
/// <param name="Peers">A bounded sample of peers: the IPs of a user or the users of an IP.</param>
/// <param name="FirstSeen">Event time of the first event.</param>
/// <param name="LastSeen">Event time of the newest event.</param>
/// <param name="AsOf">The instant the score was decayed to and the windows end at.</param>
/// <param name="Allowlisted">Whether the subject matches the allowlist (rated, never throttled or blocked).</param>
/// <param name="Peak">The highest score the subject has reached and the signals then; null before any signal.</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.SubjectRating")]
public sealed record SubjectRating(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] double Score,
    [property: Id(3)] RiskLevel Level,
    [property: Id(4)] Decision? Decision,
    [property: Id(5)] Decision? LastDecision,
    [property: Id(6)] IReadOnlyList<SignalReport> Signals,
    [property: Id(7)] long TotalEvents,
    [property: Id(8)] IReadOnlyList<EndpointShare> Endpoints,
    [property: Id(9)] IReadOnlyList<WindowCounts> Windows,
    [property: Id(10)] IReadOnlyList<string> Peers,
    [property: Id(11)] DateTimeOffset FirstSeen,
    [property: Id(12)] DateTimeOffset LastSeen,
    [property: Id(13)] DateTimeOffset AsOf,
    [property: Id(14)] bool Allowlisted,
    [property: Id(15)] RatingPeak? Peak);
