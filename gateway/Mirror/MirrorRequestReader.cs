using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Kwaf.Gateway.Mirror;

/// <summary>
/// Builds the <see cref="EventDraft"/> of a mirrored request from its headers (see <see cref="MirrorHeaders"/>). The
/// client address header is the peer the proxy saw; the forwarded headers of the mirrored request (X-Forwarded-For,
/// Forwarded, and X-Real-IP unless it served as the address) travel on the draft, and the normalizer believes the
/// configured one only when that peer is a trusted proxy.
/// </summary>
internal static class MirrorRequestReader
{
    /// <param name="request">The mirrored call.</param>
    /// <param name="ipHeader">The header the client address was read from (or would have been).</param>
    public static EventDraft Read(HttpRequest request, out string ipHeader)
    {
        var headers = request.Headers;
        var ip = Single(headers[MirrorHeaders.ClientIp]);
        var realIp = Joined(headers[MirrorHeaders.RealIp]);
        ipHeader = MirrorHeaders.ClientIp;
        if (ip is null && Single(headers[MirrorHeaders.RealIp]) is { } peer)
        {
            ip = peer;
            realIp = null;
            ipHeader = MirrorHeaders.RealIp;
        }

        return new EventDraft
        {
            Ip = ip,
            UserId = Single(headers[MirrorHeaders.User]),
            Method = Single(headers[MirrorHeaders.OriginalMethod]) ?? request.Method,
            Host = Single(headers[MirrorHeaders.OriginalHost]) ?? Single(headers[HeaderNames.Host]),
            Target = Single(headers[MirrorHeaders.OriginalUri]) ?? TargetAfterRoute(request),
            UserAgent = Single(headers[HeaderNames.UserAgent]),
            Referer = Single(headers[HeaderNames.Referer]),
            ForwardedFor = Joined(headers[ForwardedHeaderNames.XForwardedFor]),
            Forwarded = Joined(headers[ForwardedHeaderNames.Forwarded]),
            RealIp = realIp,
        };
    }

    /// <summary>
    /// What follows /events/mirror in the request target as received, so that escapes the client sent (%2e%2e, %00)
    /// reach the classifier as they were; "/" plus the query when nothing follows.
    /// </summary>
    private static string TargetAfterRoute(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || !raw.StartsWith(MirrorEndpoints.Route, StringComparison.OrdinalIgnoreCase))
        {
            return request.Path.Value is { } path && path.Length > MirrorEndpoints.Route.Length
                ? path[MirrorEndpoints.Route.Length..] + request.QueryString
                : "/" + request.QueryString;
        }

        var rest = raw[MirrorEndpoints.Route.Length..];
        return rest.Length == 0 || rest[0] != '/' ? "/" + rest : rest;
    }

    /// <summary>Every line of a list header, joined with commas in arrival order; null when absent.</summary>
    private static string? Joined(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values.ToString();

    /// <summary>The value of a header sent once; null when absent, empty or "-" (unset nginx variables).</summary>
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && values[0] is { Length: > 0 } value && value != "-" ? value : null;
}
