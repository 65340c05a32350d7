using Kwaf.Gateway.Decisions.Cache;
using Kwaf.Grains.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kwaf.Gateway.Health;

/// <summary>
/// GET /health/live (the process answers) and GET /health/ready (the decision cache is loaded). Ready answers 200 with
/// status <c>degraded</c> and storage <c>degraded</c> while the co-hosted silo's grain state writes fail or time out
/// (checks still answer from memory, so the gateway stays in rotation), and <c>ready</c> with storage <c>ok</c> once
/// they succeed again. A gateway without a co-hosted silo reports no storage field.
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Probes stay open to every caller: an orchestrator's probe carries no key, and they show no client data.
        app.MapGet("/health/live", () => TypedResults.Ok(new HealthStatus("live")))
            .AllowAnonymous()
            .WithName("Live")
            .WithSummary("200 while the process is running.");
        app.MapGet("/health/ready", Ready)
            .AllowAnonymous()
            .WithName("Ready")
            .WithSummary("200 once the decision cache is loaded and checks answer from it (status degraded while "
                + "grain state writes fail); 503 before.");
        return app;
    }

    private static Results<Ok<HealthStatus>, ProblemHttpResult> Ready(
        DecisionCacheSynchronizer synchronizer,
        IServiceProvider services)
    {
        if (!synchronizer.IsSynchronized)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Not ready",
                detail: "The decision cache has not loaded its first snapshot from the cluster yet.");
        }

        // Registered only where a silo is co-hosted; a client-mode gateway has no store of its own to report.
        var storage = services.GetService<StorageHealth>();
        return storage switch
        {
            null => TypedResults.Ok(new HealthStatus("ready")),
            { IsDegraded: true } => TypedResults.Ok(new HealthStatus("degraded", "degraded")),
            _ => TypedResults.Ok(new HealthStatus("ready", "ok")),
        };
    }
}
