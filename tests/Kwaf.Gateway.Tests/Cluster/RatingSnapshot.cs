using System.Net;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>
/// What GET /ratings?ip= showed: the status; for a 200 the total events, the decision enforced by the gateway's
/// cache and its expiry, and the expiry of the subject grain's own last decision.
/// </summary>
internal sealed record RatingSnapshot(
    HttpStatusCode Status,
    long TotalEvents,
    string? Decision,
    DateTimeOffset? DecisionExpires,
    DateTimeOffset? LastDecisionExpires);
