using Kwaf.Gateway.Security;
namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>GET /edge/spoe/stats: the SPOE agent's counters since the gateway started.</summary>
internal static class SpoeEndpoints
{
    public static IEndpointRouteBuilder MapSpoeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/edge/spoe/stats", static (SpoeCounters counters) => TypedResults.Ok(counters.Snapshot()))
            .RequireAuthorization(KwafRoles.ReadPolicy)
            .WithName("SpoeStats")
            .WithSummary("Connections, frames, checks and errors of the SPOE agent since the gateway started.");
        return app;
    }
}
