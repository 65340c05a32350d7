using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kwaf.Decisions;
using Kwaf.Gateway.Api;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Pipeline;
using Kwaf.Gateway.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// GET /decisions/check: the question a proxy asks before it serves a request (the contract of nginx auth_request).
/// 204 allows; 403 denies, with X-Kwaf-Decision naming throttle or block (the proxy maps throttle to 429) and
/// Retry-After. Answered from the gateway's decision cache: no grain call, no database. The client comes from the
/// query (<c>ip</c>, <c>user_id</c>) or, for a proxy that passes it in headers (nginx auth_request sends no query of
/// its own), from <c>X-Kwaf-Client-IP</c> and <c>X-Kwaf-User</c>; the query wins when both are given. That address
/// is the peer the proxy saw: when it is a trusted proxy, the configured forwarded header of the check request names
/// the client (<see cref="ClientIpResolver"/>, the same rule as for events), and a check whose trusted peer names no
/// client is answered for its user alone (allowed without one) and counted as unattributed. Every answer
/// tells the proxy how long it may cache it (<c>X-Accel-Expires</c>, <c>Cache-Control</c>): at most the propagation
/// bound, never the remaining time of a block, so that a lift is not held back by a proxy's cache. A shadow decision
/// in force (shadow mode) does not change the answer; <c>X-Kwaf-Shadow</c> names what it would have been.
/// </summary>
internal static class CheckEndpoints
{
    public const string DecisionHeader = "X-Kwaf-Decision";
    public const string ScoreHeader = "X-Kwaf-Score";
    public const string ClientIpHeader = "X-Kwaf-Client-IP";
    public const string UserHeader = "X-Kwaf-User";
    public const string ProxyCacheHeader = "X-Accel-Expires";
    public const string ShadowHeader = "X-Kwaf-Shadow";

    public static IEndpointRouteBuilder MapCheckEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/decisions/check", Check)
            .RequireAuthorization(KwafRoles.CheckPolicy)
            .WithName("CheckDecision")
            .WithSummary("204 when the client may be served, 403 with X-Kwaf-Decision (throttle or block) when not.");
        return app;
    }

    private static Results<NoContent, StatusCodeHttpResult, ProblemHttpResult> Check(
        HttpContext context,
        DecisionCache cache,
        Allowlist allowlist,
        ClientIpResolver clientIp,
        IngestionCounters counters,
        TimeProvider time,
        ProxyCacheHeaders cacheHeaders,
        string? ip,
        string? user_id)
    {
        var request = context.Request.Headers;
        ip = string.IsNullOrEmpty(ip) ? request[ClientIpHeader].ToString() : ip;
        user_id = string.IsNullOrEmpty(user_id) ? request[UserHeader].ToString() : user_id;
        var headers = context.Response.Headers;
        headers[ProxyCacheHeader] = cacheHeaders.AccelExpires;
        headers.CacheControl = cacheHeaders.CacheControl;

        if (!TryResolveClient(ip, request, clientIp, counters, out var canonicalIp, out var reason))
        {
            return Problems.InvalidParameter("ip", reason);
        }

        var userId = ClientCheck.NormalizeUser(user_id);
        if (string.IsNullOrEmpty(ip) && userId is null)
        {
            // A proxy that forgot to pass the client would otherwise be told "allow" for every request.
            return Problems.InvalidParameter("ip", "give the client's ip, a user_id, or both");
        }

        var verdict = ClientCheck.Decide(cache, allowlist, canonicalIp, userId, time.GetUtcNow());
        headers[DecisionHeader] = verdict.KindName;
        headers[ScoreHeader] = verdict.Score.ToString(CultureInfo.InvariantCulture);
        if (verdict.ShadowKind != DecisionKind.Allow)
        {
            // Shadow mode: what the policy would have answered, for the proxy's log; the status is the real answer.
            headers[ShadowHeader] = verdict.ShadowKindName;
        }

        if (verdict.Kind == DecisionKind.Allow)
        {
            return TypedResults.NoContent();
        }

        // A proxy reads only the status and headers: no problem body is built for a denial on this hot path.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        headers.RetryAfter = verdict.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// The client a check asks about: null without an ip, or when a trusted peer named no client (counted). False
    /// when the ip is not an address.
    /// </summary>
    private static bool TryResolveClient(
        string? ip,
        IHeaderDictionary request,
        ClientIpResolver clientIp,
        IngestionCounters counters,
        out string? canonicalIp,
        [NotNullWhen(false)] out string? reason)
    {
        canonicalIp = null;
        reason = null;
        if (string.IsNullOrEmpty(ip))
        {
            return true;
        }

        if (!IpAddressCanonicalizer.TryParse(ip, out var peer, out reason))
        {
            return false;
        }

        var client = clientIp.Resolve(peer, IpAddressCanonicalizer.Format(peer), request[clientIp.HeaderName]);
        if (client.IsUnattributed)
        {
            counters.ClientIp.UnattributedCheck();
        }

        canonicalIp = client.ClientIp;
        return true;
    }
}
