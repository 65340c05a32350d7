using Kwaf.Ratings;

namespace Kwaf.Gateway.Ratings;

/// <summary>A subject's counters over one window, with the window's length in seconds.</summary>
internal sealed record WindowView(
    double WindowSeconds,
    long Requests,
    long AuthFailures,
    long NotFound,
    long OtherClientErrors,
    long ServerErrors,
    long RateLimited,
    long SensitivePaths,
    long Injections,
    int DistinctEndpoints,
    int DistinctUserAgents,
    int DistinctPeers)
{
    public static WindowView From(WindowCounts counts) => new(
        counts.Window.TotalSeconds,
        counts.Requests,
        counts.AuthFailures,
        counts.NotFound,
        counts.OtherClientErrors,
        counts.ServerErrors,
        counts.RateLimited,
        counts.SensitivePaths,
        counts.Injections,
        counts.DistinctEndpoints,
        counts.DistinctUserAgents,
        counts.DistinctPeers);
}
