using Kwaf.Events;
using Kwaf.Gateway.Ingestion.AccessLogs;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion;

/// <summary>Field checks of <see cref="EventNormalizer"/>; each returns null or the failing field and reason.</summary>
internal sealed partial class EventNormalizer
{
    private (string Field, string Reason)? CheckTime(EventDraft draft, DateTimeOffset now, out DateTimeOffset time)
    {
        time = now.ToUniversalTime();
        if (draft.TimeError is not null)
        {
            return ("time", draft.TimeError);
        }

        if (draft.Time is not { } stated)
        {
            return null;
        }

        if (stated - now > _maxFutureSkew)
        {
            return ("time", $"more than {_maxFutureSkew} ahead of the clock");
        }

        time = stated > now ? time : stated.ToUniversalTime();
        return null;
    }

    private (string Field, string Reason)? CheckStatus(EventDraft draft, out int status)
    {
        status = draft.Status ?? 0;
        if (draft.StatusError is not null)
        {
            return ("status", draft.StatusError);
        }

        if (draft.Status is null)
        {
            return _statusOptional ? null : ("status", "missing");
        }

        var allowed = status is >= 100 and <= 599 || (_statusOptional && status == 0);
        return allowed ? null : ("status", "must be from 100 to 599");
    }

    private static (string Field, string Reason)? CheckSizes(EventDraft draft)
    {
        if (draft.Bytes < 0)
        {
            return ("bytes", "must not be negative");
        }

        return draft.DurationMs is { } duration && (duration < 0 || !double.IsFinite(duration))
            ? ("durationMs", "must be a non-negative number")
            : null;
    }

    private (string Field, string Reason)? CheckUserId(string? text, out string? userId)
    {
        userId = text?.Trim();
        userId = string.IsNullOrEmpty(userId) || userId is "-" ? null : userId;
        return userId?.Length > _limits.MaxUserIdLength
            ? ("userId", $"longer than {_limits.MaxUserIdLength} characters")
            : null;
    }

    private (string Field, string Reason)? CheckRequest(
        EventDraft draft,
        out string method,
        out string rawTarget,
        out RequestLineShape shape,
        out bool pathCut)
    {
        shape = EffectiveShape(draft);
        var logged = draft.Target ?? (shape == RequestLineShape.Malformed ? draft.RawRequestLine : null);
        pathCut = logged?.Length > _limits.MaxPathLength;
        rawTarget = Cut(logged, _limits.MaxPathLength) ?? string.Empty;
        method = InvalidMethod;
        if (shape == RequestLineShape.Malformed)
        {
            return null;
        }

        if (draft.Method is null || !HttpToken.IsMethod(draft.Method))
        {
            return ("method", draft.Method is null ? "missing" : "not an HTTP method token");
        }

        method = draft.Method.ToUpperInvariant();
        return draft.Target is null ? ("path", "missing") : null;
    }

    // JSON events have no request line; their shape comes from the method and target they name.
    private static RequestLineShape EffectiveShape(EventDraft draft)
    {
        if (draft.HasRequestLine || draft.Shape != RequestLineShape.Normal || draft.Target is null)
        {
            return draft.Shape;
        }

        var shape = RequestLineParser.ShapeOf(draft.Method, draft.Target, hasProtocol: true);
        return shape is RequestLineShape.AbsoluteForm or RequestLineShape.Connect ? shape : RequestLineShape.Normal;
    }

    private static RequestTraits ShapeTraits(RequestLineShape shape) => shape switch
    {
        RequestLineShape.AbsoluteForm or RequestLineShape.Connect or RequestLineShape.NoProtocol =>
            RequestTraits.UnusualRequestLine,
        RequestLineShape.Malformed => RequestTraits.MalformedRequest,
        _ => RequestTraits.None,
    };

    private static string? Cut(string? text, int maxLength) =>
        text is null || text.Length <= maxLength ? text : text[..maxLength];

    private readonly record struct CheckedFields(
        string Ip,
        bool Unattributed,
        DateTimeOffset Time,
        int Status,
        string? UserId,
        string Method,
        string RawTarget,
        RequestLineShape Shape,
        bool PathCut);
}
