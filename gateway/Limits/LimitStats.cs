namespace Kwaf.Gateway.Limits;

/// <summary>Totals of the input limits since the process started (<c>limits</c> in /events/stats).</summary>
/// <param name="RefusedRequests">Whole requests refused for a limit (413), none of their events taken.</param>
/// <param name="RefusedByReason">Refused requests per "field: reason".</param>
/// <param name="TruncatedEvents">Accepted events with at least one field cut to its limit.</param>
/// <param name="TruncatedByField">Cut fields per field name (path, host, userAgent, referer, forwardedFor).</param>
internal sealed record LimitStats(
    long RefusedRequests,
    IReadOnlyDictionary<string, long> RefusedByReason,
    long TruncatedEvents,
    IReadOnlyDictionary<string, long> TruncatedByField);
