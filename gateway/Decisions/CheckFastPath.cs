using Kwaf.Gateway.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kwaf.Gateway.Decisions;

/// <summary>
/// Answers GET /decisions/check for a caller that holds the <c>check</c> role without the authentication,
/// authorization and endpoint middleware: the check is the one request a proxy makes for every request it serves, and
/// those layers cost it more than the answer itself (handler and service scope per request, policy evaluation,
/// parameter binding). The caller is authenticated by the same rule as <see cref="ApiKeyAuthenticationHandler"/> and
/// the answer comes from the same <see cref="CheckAnswerer"/>. Anything else, a refusal included, goes on down the
/// ordinary pipeline, which answers it as before: this path never refuses, and never fails either: should the answer
/// throw before the response has started, the request is handed to the ordinary pipeline, whose exception handler
/// answers it as for any endpoint.
/// </summary>
/// <remarks>
/// Runs right after routing (which picked the endpoint), before the exception and status-code-page middleware, whose
/// per-request cost it spares too: a check answer is a status and headers, with no page to add.
/// </remarks>
internal sealed class CheckFastPath(RequestDelegate next, CheckAnswerer answerer, ApiKeyRing ring)
{
    /// <summary>Endpoint metadata that marks the check endpoint for this middleware.</summary>
    public static readonly object Marker = new CheckEndpointMarker();

    /// <summary>Answers the request, or hands it to the next middleware.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the request has been answered.</returns>
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CheckEndpointMarker>() is null
            || ApiKeyAuthenticationHandler.TryAuthenticate(context, ring) is not { } caller
            || !caller.HasClaim(KwafRoles.ClaimType, KwafRoles.Check))
        {
            return next(context);
        }

        context.User = caller;
        var query = context.Request.Query;
        try
        {
            switch (answerer.Answer(context, query["ip"], query["user_id"]).Result)
            {
                // The two answers a proxy gets for nearly every request are a bare status: set here, they spare the
                // request the service scope and logger that executing a result would create for them.
                case NoContent:
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return Task.CompletedTask;
                case StatusCodeHttpResult status:
                    context.Response.StatusCode = status.StatusCode;
                    return Task.CompletedTask;
                case var problem:
                    var written = problem.ExecuteAsync(context);
                    return written.IsCompletedSuccessfully ? written : AwaitOrFallBackAsync(written, context);
            }
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            return FallBack(context);
        }
    }

    private async Task AwaitOrFallBackAsync(Task written, HttpContext context)
    {
        try
        {
            await written;
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            await FallBack(context);
        }
    }

    private Task FallBack(HttpContext context)
    {
        context.Response.Clear();
        return next(context);
    }

    private sealed class CheckEndpointMarker;
}
