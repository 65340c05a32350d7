namespace Kwaf.Ratings;

/// <summary>A subject's counters summed over one window ending at the rating's time.</summary>
/// <param name="Window">Length of the window.</param>
/// <param name="Requests">Requests.</param>
/// <param name="AuthFailures">Answers 401 or 403.</param>
/// <param name="NotFound">Answers 404.</param>
/// <param name="OtherClientErrors">Other 4xx answers, 429 excluded.</param>
/// <param name="ServerErrors">5xx answers.</param>
/// <param name="RateLimited">429 answers.</param>
/// <param name="SensitivePaths">Requests to sensitive paths.</param>
/// <param name="Injections">Requests matching an injection pattern.</param>
/// <param name="DistinctEndpoints">Distinct non-static endpoints (capped; see the counters' documentation).</param>
/// <param name="DistinctUserAgents">Distinct user agents (capped).</param>
/// <param name="DistinctPeers">Distinct peers: IPs of a user, users of an IP (capped).</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.WindowCounts")]
public sealed record WindowCounts(
    [property: Id(0)] TimeSpan Window,
    [property: Id(1)] long Requests,
    [property: Id(2)] long AuthFailures,
    [property: Id(3)] long NotFound,
    [property: Id(4)] long OtherClientErrors,
    [property: Id(5)] long ServerErrors,
    [property: Id(6)] long RateLimited,
    [property: Id(7)] long SensitivePaths,
    [property: Id(8)] long Injections,
    [property: Id(9)] int DistinctEndpoints,
    [property: Id(10)] int DistinctUserAgents,
    [property: Id(11)] int DistinctPeers);
