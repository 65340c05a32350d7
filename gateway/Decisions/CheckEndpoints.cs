using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Security;
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
            .WithMetadata(CheckFastPath.Marker)
            .WithName("CheckDecision")
            .WithSummary("204 when the client may be served, 403 with X-Kwaf-Decision (throttle or block) when not.");
        return app;
    }

    /// <summary>Adds <see cref="CheckFastPath"/>: to be called first, right after routing.</summary>
    public static IApplicationBuilder UseCheckFastPath(this IApplicationBuilder app) =>
        app.UseMiddleware<CheckFastPath>();

    private static Results<NoContent, StatusCodeHttpResult, ProblemHttpResult> Check(
        HttpContext context,
        CheckAnswerer answerer,
        string? ip,
        string? user_id) => answerer.Answer(context, ip, user_id);
}
