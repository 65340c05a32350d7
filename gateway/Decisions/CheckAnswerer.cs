using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kwaf.Decisions;
using Kwaf.Gateway.Api;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Pipeline;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// The work of GET /decisions/check (<see cref="CheckEndpoints"/>), shared by its route and by
/// <see cref="CheckFastPath"/>: resolve the client, read the decision cache, set the answer's headers.
/// </summary>
internal sealed class CheckAnswerer(
    DecisionCache cache,
    Allowlist allowlist,
    ClientIpResolver clientIp,
    IngestionCounters counters,
    TimeProvider time,
    ProxyCacheHeaders cacheHeaders)
{
    /// <summary>The answer to one check: the status, and the headers it sets on <paramref name="context"/>.</summary>
    /// <param name="context">The request; its response headers are set here.</param>
    /// <param name="ip">The <c>ip</c> query parameter, or null.</param>
    /// <param name="userId">The <c>user_id</c> query parameter, or null.</param>
    /// <returns>204, 403, or a problem naming the bad parameter.</returns>
    public Results<NoContent, StatusCodeHttpResult, ProblemHttpResult> Answer(
        HttpContext context,
        string? ip,
        string? userId)
    {
        var request = context.Request.Headers;
        ip = string.IsNullOrEmpty(ip) ? request[CheckEndpoints.ClientIpHeader].ToString() : ip;
        userId = string.IsNullOrEmpty(userId) ? request[CheckEndpoints.UserHeader].ToString() : userId;
        var headers = context.Response.Headers;
        headers[CheckEndpoints.ProxyCacheHeader] = cacheHeaders.AccelExpires;
        headers.CacheControl = cacheHeaders.CacheControl;

        if (!TryResolveClient(ip, request, out var canonicalIp, out var reason))
        {
            return Problems.InvalidParameter("ip", reason);
        }

        var user = ClientCheck.NormalizeUser(userId);
        if (string.IsNullOrEmpty(ip) && user is null)
        {
            // A proxy that forgot to pass the client would otherwise be told "allow" for every request.
            return Problems.InvalidParameter("ip", "give the client's ip, a user_id, or both");
        }

        var verdict = ClientCheck.Decide(cache, allowlist, canonicalIp, user, time.GetUtcNow());
        headers[CheckEndpoints.DecisionHeader] = verdict.KindName;
        headers[CheckEndpoints.ScoreHeader] = verdict.Score.ToString(CultureInfo.InvariantCulture);
        if (verdict.ShadowKind != DecisionKind.Allow)
        {
            // Shadow mode: what the policy would have answered, for the proxy's log; the status is the real answer.
            headers[CheckEndpoints.ShadowHeader] = verdict.ShadowKindName;
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
    private bool TryResolveClient(
        string? ip,
        IHeaderDictionary request,
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
