using System.Data.Common;
using Kwaf.Gateway.Security;
using Kwaf.Grains.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Kwaf.Gateway.Audit;

/// <summary>
/// GET /audit: kwaf's record of its decisions, level changes and manual actions, newest first, filtered by one
/// subject (ip or user_id) and a time range (since inclusive, until exclusive), paged with an opaque cursor. Reads
/// the store directly, never a grain.
/// </summary>
internal static partial class AuditEndpoints
{
    private const int DefaultLimit = 50;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", GetAsync)
            .RequireAuthorization(KwafRoles.ReadPolicy)
            .WithName("GetAudit")
            .WithSummary("Audit records, newest first (ip or user_id, since, until, limit, cursor).")
            .Produces<AuditPageView>();
        return app;
    }

    private static async Task<IResult> GetAsync(
        [FromServices] IAuditReader? reader,
        ILoggerFactory loggerFactory,
        string? ip,
        string? user_id,
        string? since,
        string? until,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var pageSize = limit ?? DefaultLimit;
        if (!AuditQueryParser.TryParse(ip, user_id, since, until, pageSize, cursor, out var query, out var problem))
        {
            return problem;
        }

        if (reader is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Audit log not readable here",
                detail: "This gateway has no access to the audit store (the Memory store lives in the silos).");
        }

        try
        {
            var page = await reader.ReadAsync(query, cancellationToken);
            var items = new List<AuditRecordView>(page.Items.Count);
            foreach (var record in page.Items)
            {
                items.Add(AuditRecordView.From(record));
            }

            return TypedResults.Ok(new AuditPageView(items, page.Next?.Encode()));
        }
        catch (DbException exception)
        {
            Log.ReadFailed(loggerFactory.CreateLogger(typeof(AuditEndpoints)), exception);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Audit store unavailable",
                detail: "The audit store could not be read; records are kept and written when it returns.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3300, EventName = "AuditReadFailed", Level = LogLevel.Warning,
            Message = "Reading the audit log failed")]
        public static partial void ReadFailed(ILogger logger, Exception exception);
    }
}
