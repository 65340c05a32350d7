using Kwaf.Gateway.Audit;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Dashboard;
using Kwaf.Gateway.Decisions;
using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Gateway.Edge.HAProxy;
using Kwaf.Gateway.Edge.Spoe;
using Kwaf.Gateway.Events;
using Kwaf.Gateway.Health;
using Kwaf.Gateway.Limits;
using Kwaf.Gateway.Mirror;
using Kwaf.Gateway.Ratings;
using Kwaf.Gateway.Security;
using Kwaf.Gateway.Syslog;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kwaf.Gateway.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the REST API: JSON shape, problem details, OpenAPI, event intake (HTTP, mirror and syslog), ratings
    /// and decisions.
    /// </summary>
    public static IServiceCollection AddKwafApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(static o => KwafJson.Configure(o.SerializerOptions));
        services.AddProblemDetails(static options => options.CustomizeProblemDetails = NameWhatWasRefused);
        services.AddOpenApi();
        services.AddKwafEventIngestion();
        services.AddKwafHttpLimits();
        services.AddKwafSyslog();
        services.AddKwafMirror();
        services.AddKwafDecisionCache();
        services.AddKwafHAProxy();
        services.AddKwafAllowlist();
        services.AddKwafClientIp();
        services.TryAddSingleton<SubjectLookup>();
        services.AddKwafSpoe();
        services.AddKwafSecurity();
        return services;
    }

    /// <summary>
    /// Names the header behind the refusals that routing makes before any kwaf code runs: a body of a media type the
    /// endpoint does not take (415) is about its Content-Type.
    /// </summary>
    private static void NameWhatWasRefused(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType)
        {
            var sent = context.HttpContext.Request.ContentType;
            var refused = sent is null ? "the request has no Content-Type" : $"'{sent}' is not taken";
            context.ProblemDetails.Detail =
                refused + "; kwaf's endpoints take application/json, and the event endpoints also application/x-ndjson";
            context.ProblemDetails.Extensions["header"] = "content-type";
        }
    }

    /// <summary>Maps every endpoint of the REST API and the OpenAPI document at /openapi/v1.json.</summary>
    public static WebApplication MapKwafApi(this WebApplication app)
    {
        app.UseCheckFastPath();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseKwafSecurity();
        app.MapOpenApi().RequireAuthorization(KwafRoles.ReadPolicy);
        app.MapEventEndpoints();
        app.MapMirrorEndpoints();
        app.MapRatingEndpoints();
        app.MapCheckEndpoints();
        app.MapDecisionEndpoints();
        app.MapHealthEndpoints();
        app.MapAuditEndpoints();
        app.MapKwafDashboard();
        app.MapSpoeEndpoints();
        return app;
    }
}
