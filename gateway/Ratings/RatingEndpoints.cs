using System.Globalization;
using Kwaf.Gateway.Api;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Security;
using Kwaf.Index;

namespace Kwaf.Gateway.Ratings;

/// <summary>
/// GET /ratings: one subject (?ip= or ?user_id=) with its whole explanation, or the riskiest subjects first, paged,
/// from the bounded risk index (never a scan of every grain).
/// </summary>
internal static class RatingEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapRatingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ratings", GetAsync)
            .RequireAuthorization(KwafRoles.ReadPolicy)
            .WithName("GetRatings")
            .WithSummary("One subject by ip or user_id, or the riskiest subjects (kind, min_score, limit, cursor).")
            .Produces<SubjectView>()
            .Produces<SubjectPage>();
        return app;
    }

    private static async Task<IResult> GetAsync(
        SubjectLookup lookup,
        IGrainFactory grains,
        string? ip,
        string? user_id,
        string? kind,
        string? min_score,
        string? limit,
        string? cursor)
    {
        if (ip is not null && user_id is not null)
        {
            return Problems.InvalidParameter("ip", "give either ip or user_id, not both");
        }

        if (ip is not null)
        {
            return await GetIpAsync(lookup, ip);
        }

        if (user_id is not null)
        {
            return await GetUserAsync(lookup, user_id);
        }

        if (!TryParse(min_score, 0, out var minScore))
        {
            return Problems.InvalidParameter("min_score", "must be a number between 0 and 100");
        }

        if (!int.TryParse(limit ?? DefaultLimit.ToString(CultureInfo.InvariantCulture), NumberStyles.Integer,
                CultureInfo.InvariantCulture, out var pageSize))
        {
            return Problems.InvalidParameter("limit", $"must be a whole number between 1 and {MaxLimit}");
        }

        return await ListAsync(lookup, grains, kind, minScore, pageSize, cursor);
    }

    private static bool TryParse(string? text, double fallback, out double value)
    {
        value = fallback;
        return text is null
            || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static async Task<IResult> GetIpAsync(SubjectLookup lookup, string ip)
    {
        if (!IpAddressCanonicalizer.TryCanonicalize(ip, out var canonical, out var reason))
        {
            return Problems.InvalidParameter("ip", reason);
        }

        var subject = await lookup.FindIpAsync(canonical);
        return subject is null
            ? Problems.NotFound("Unknown subject", $"kwaf has never seen the client IP {canonical}.")
            : TypedResults.Ok(subject);
    }

    private static async Task<IResult> GetUserAsync(SubjectLookup lookup, string userId)
    {
        var trimmed = userId.Trim();
        if (trimmed.Length == 0 || trimmed == "-")
        {
            return Problems.InvalidParameter("user_id", "must not be empty or '-'");
        }

        var subject = await lookup.FindUserAsync(trimmed);
        return subject is null
            ? Problems.NotFound("Unknown subject", "kwaf has never seen this user id.")
            : TypedResults.Ok(subject);
    }

    private static async Task<IResult> ListAsync(
        SubjectLookup lookup,
        IGrainFactory grains,
        string? kind,
        double minScore,
        int limit,
        string? cursor)
    {
        if (kind is not null and not "ip" and not "user")
        {
            return Problems.InvalidParameter("kind", "must be 'ip' or 'user'");
        }

        if (minScore is < 0 or > 100 || double.IsNaN(minScore))
        {
            return Problems.InvalidParameter("min_score", "must be between 0 and 100");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return Problems.InvalidParameter("limit", $"must be between 1 and {MaxLimit}");
        }

        RiskPage page;
        try
        {
            var index = grains.GetGrain<IRiskIndexGrain>(IRiskIndexGrain.Key);
            page = await index.GetPageAsync(kind, minScore, limit, cursor);
        }
        catch (ArgumentException)
        {
            // The index's own message names its parameter the .NET way; the caller needs only this.
            return Problems.InvalidParameter("cursor", "is not a cursor this list returned; start again without one");
        }

        // The index orders by the score each subject had when its level last changed; each item is re-rated now,
        // so the page keeps only those still at min_score and is ordered by their current score.
        var views = await Task.WhenAll(page.Items.Select(entry => lookup.FindAsync(entry.Kind, entry.Id)));
        var items = views.OfType<SubjectView>()
            .Where(view => view.Score >= minScore)
            .OrderByDescending(view => view.Score)
            .ThenBy(view => view.Kind, StringComparer.Ordinal)
            .ThenBy(view => view.Id, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new SubjectPage(items, page.Next));
    }
}
