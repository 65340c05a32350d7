using Kwaf.Gateway.Decisions.Cache;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kwaf.Gateway.Health;

/// <summary>GET /health/live (the process answers) and GET /health/ready (the decision cache is loaded).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new HealthStatus("live")))
            .WithName("Live")
            .WithSummary("200 while the process is running.");
        app.MapGet("/health/ready", Ready)
            .WithName("Ready")
            .WithSummary("200 once the decision cache is loaded and checks answer from it; 503 before.");
        return app;
    }

    private static Results<Ok<HealthStatus>, ProblemHttpResult> Ready(DecisionCacheSynchronizer synchronizer) =>
        synchronizer.IsSynchronized
            ? TypedResults.Ok(new HealthStatus("ready"))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Not ready",
                detail: "The decision cache has not loaded its first snapshot from the cluster yet.");
}
