using Kwaf.Gateway.Api;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kwaf.Gateway.Mirror;

/// <summary>
/// <c>/events/mirror</c> and <c>/events/mirror/{**rest}</c>, any method: records a copy of a request (nginx
/// <c>mirror</c>) as an event without a status and answers 204 at once, before the grains see it. The request is
/// described by headers (<see cref="MirrorHeaders"/>); without <c>X-Original-URI</c> the target is what follows
/// <c>/events/mirror</c>, as received (not decoded). The body is never read: the server discards it.
/// </summary>
internal static class MirrorEndpoints
{
    public const string Route = "/events/mirror";

    public static IServiceCollection AddKwafMirror(this IServiceCollection services)
    {
        services.TryAddSingleton<MirrorIntake>();
        return services;
    }

    public static IEndpointRouteBuilder MapMirrorEndpoints(this IEndpointRouteBuilder app)
    {
        app.Map(Route, Mirror)
            .RequireAuthorization(KwafRoles.IngestPolicy)
            .WithMetadata(ForwardedAuthorizationMetadata.Instance)
            .WithName("MirrorEvent")
            .WithSummary("Record a mirrored request (headers describe it) as an event without a status; 204.");
        app.Map(Route + "/{**rest}", Mirror)
            .RequireAuthorization(KwafRoles.IngestPolicy)
            .WithMetadata(ForwardedAuthorizationMetadata.Instance)
            .WithName("MirrorEventWithTarget")
            .WithSummary("Record a mirrored request whose target follows /events/mirror; 204.");
        return app;
    }

    private static Results<NoContent, ProblemHttpResult> Mirror(HttpRequest request, MirrorIntake intake)
    {
        var draft = MirrorRequestReader.Read(request, out var ipHeader);
        var outcome = intake.Take(draft);
        if (outcome.Taken)
        {
            return TypedResults.NoContent();
        }

        if (outcome.Rejection is not { } rejection)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Ingestion is full",
                detail: "The mirrored request was dropped because the ingestion buffer is full.");
        }

        return Problems.InvalidParameter(HeaderOf(rejection, ipHeader), rejection.Reason);
    }

    /// <summary>The header a rejected field came from, so that the problem names what the proxy must fix.</summary>
    private static string HeaderOf(Rejection rejection, string ipHeader) => rejection.Field switch
    {
        "ip" => ipHeader,
        "userId" => MirrorHeaders.User,
        "method" => MirrorHeaders.OriginalMethod,
        "path" or "request" => MirrorHeaders.OriginalUri,
        "host" => MirrorHeaders.OriginalHost,
        _ => rejection.Field,
    };
}
