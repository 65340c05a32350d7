using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Net.Http.Headers;

namespace Kwaf.Gateway.Security;

/// <summary>
/// Answers a refused request with problem details: 401 when the caller sent no usable key (with
/// <c>WWW-Authenticate: Bearer</c>, or <c>Basic</c> on the dashboard so that a browser asks for it), 403 naming the
/// role when a known key lacks it, and 403 explaining how to configure keys when none is configured and the caller
/// is not on loopback.
/// </summary>
internal sealed class ApiKeyAuthorizationResultHandler(ApiKeyRing ring) : IAuthorizationMiddlewareResultHandler
{
    public const string Realm = "kwaf";

    public Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return next(context);
        }

        if (authorizeResult.Forbidden)
        {
            return MissingRole(context, authorizeResult.AuthorizationFailure).ExecuteAsync(context);
        }

        if (ring.IsEmpty && !LoopbackPeer.Is(context))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only loopback clients are served",
                detail: "No API keys are configured, so kwaf serves clients on this host only. Make a key with "
                    + "'kwaf hash-key', configure its hash under Kwaf:Security:ApiKeys and send the key as "
                    + "'Authorization: Bearer <key>' or 'X-Kwaf-Key: <key>'.",
                extensions: new Dictionary<string, object?> { ["reason"] = "no-api-keys-configured" })
                .ExecuteAsync(context);
        }

        return UnauthenticatedAsync(context);
    }

    private static IResult MissingRole(HttpContext context, AuthorizationFailure? failure)
    {
        var role = failure?.FailedRequirements.OfType<RoleRequirement>().FirstOrDefault()?.Role ?? KwafRoles.Admin;
        var name = context.User.Identity?.Name ?? "?";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: $"The '{role}' role is needed",
            detail: $"The API key '{name}' does not hold the '{role}' role that this endpoint needs.",
            extensions: new Dictionary<string, object?> { ["role"] = role, ["key"] = name });
    }

    private static async Task UnauthenticatedAsync(HttpContext context)
    {
        // The handler caches its result per request: this asks it again for why, without hashing the key again.
        var failed = (await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName)).Failure is not null;
        var basic = context.GetEndpoint()?.Metadata.GetMetadata<BasicChallengeMetadata>() is not null;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = basic
            ? $"Basic realm=\"{Realm}\", charset=\"UTF-8\""
            : $"Bearer realm=\"{Realm}\"";
        var how = basic
            ? "Log in with the API key as the password (any user name)."
            : "Send an API key as 'Authorization: Bearer <key>' or 'X-Kwaf-Key: <key>'.";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: failed ? "Unknown API key" : "API key required",
            detail: (failed ? "The API key sent matches no configured key. " : "This endpoint needs an API key. ")
                + how,
            extensions: new Dictionary<string, object?> { ["reason"] = failed ? "unknown-key" : "missing-key" })
            .ExecuteAsync(context);
    }
}
