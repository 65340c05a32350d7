using Kwaf.Gateway.Limits;
using Kwaf.Gateway.Pipeline;
using Kwaf.Gateway.Security;
using Kwaf.Grains.Subjects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Events;

/// <summary>POST /events (one event, a JSON array, or NDJSON), POST /createEvent, and GET /events/stats.</summary>
internal static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/events", IngestAsync)
            .RequireAuthorization(KwafRoles.IngestPolicy)
            .WithName("PostEvents")
            .WithSummary("Ingest one event, a JSON array of events, or NDJSON (application/x-ndjson).")
            .Accepts<object>("application/json", "application/x-ndjson");
        app.MapPost("/createEvent", IngestAsync)
            .RequireAuthorization(KwafRoles.IngestPolicy)
            .WithName("CreateEvent")
            .WithSummary("The original name of POST /events: one event, a JSON array of events, or NDJSON.")
            .Accepts<object>("application/json", "application/x-ndjson");
        app.MapGet("/events/stats", GetStats)
            .RequireAuthorization(KwafRoles.ReadPolicy)
            .WithName("GetIngestionStats")
            .WithSummary("Totals of accepted, rejected (by reason), dropped and pending events.");
        return app;
    }

    private static async Task<Results<Accepted<IngestResult>, ProblemHttpResult>> IngestAsync(
        HttpRequest request,
        EventIngestor ingestor,
        IngestionCounters counters,
        IOptions<EventsOptions> options,
        CancellationToken cancellationToken)
    {
        using var body = await RequestBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            var reason = $"larger than {options.Value.MaxBodyBytes} bytes";
            counters.Limits.RequestRefused("body", reason);
            return LimitProblems.TooLarge(
                StatusCodes.Status413PayloadTooLarge,
                "body",
                reason,
                $"{EventsOptions.SectionName}:{nameof(EventsOptions.MaxBodyBytes)}");
        }

        var result = await ingestor.IngestJsonAsync(body.Memory, RequestBody.IsNdjson(request), cancellationToken);
        if (result is null)
        {
            return LimitProblems.TooLarge(
                StatusCodes.Status413PayloadTooLarge,
                "events",
                ingestor.BatchLimitReason,
                $"{EventsOptions.SectionName}:{nameof(EventsOptions.MaxEventsPerBatch)}");
        }

        if (result.Dropped > 0 && result.Accepted == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Ingestion is full",
                detail: $"{result.Dropped} valid events were dropped because the ingestion buffer stayed full.");
        }

        return result.Accepted == 0 ? NothingAccepted(result) : TypedResults.Accepted((string?)null, result);
    }

    /// <summary>A 400 problem detail that carries the same counts and errors as a 202 answer.</summary>
    private static ProblemHttpResult NothingAccepted(IngestResult result) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "No event was accepted",
        detail: result.Rejected == 0 ? "The body held no events." : $"All {result.Rejected} events were rejected.",
        extensions: new Dictionary<string, object?>
        {
            ["accepted"] = result.Accepted,
            ["rejected"] = result.Rejected,
            ["dropped"] = result.Dropped,
            ["errors"] = result.Errors,
        });

    private static Ok<IngestionStats> GetStats(
        HttpContext context,
        IngestionCounters counters,
        IngestionPipeline pipeline)
    {
        // Only a gateway that co-hosts a silo has its count in process; a client-mode gateway shows null here, and
        // each silo reports its own through the Kwaf.Subjects meter.
        var subjects = context.RequestServices.GetService<ActiveSubjects>() is { } active
            ? new SubjectCapacityStats(active.Active, active.Capacity, active.Refused, active.Evicted)
            : null;
        return TypedResults.Ok(counters.Snapshot(pipeline.Pending, subjects));
    }
}
