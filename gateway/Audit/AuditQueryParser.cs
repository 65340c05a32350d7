using System.Diagnostics.CodeAnalysis;
using Kwaf.Gateway.Api;
using Kwaf.Gateway.Ingestion.Addresses;
using Kwaf.Gateway.Ingestion.Text;
using Kwaf.Grains.Audit;

namespace Kwaf.Gateway.Audit;

/// <summary>Turns the query string of GET /audit into an <see cref="AuditQuery"/>, or a problem naming the parameter.
/// </summary>
internal static class AuditQueryParser
{
    public const int MaxLimit = 1000;

    public static bool TryParse(
        string? ip,
        string? userId,
        string? since,
        string? until,
        int limit,
        string? cursor,
        [NotNullWhen(true)] out AuditQuery? query,
        [NotNullWhen(false)] out IResult? problem)
    {
        query = null;
        if (!TryParseSubject(ip, userId, out var subjectKind, out var subjectId, out problem)
            || !TryParseTime("since", since, out var sinceTime, out problem)
            || !TryParseTime("until", until, out var untilTime, out problem))
        {
            return false;
        }

        if (sinceTime is not null && untilTime is not null && sinceTime >= untilTime)
        {
            problem = Problems.InvalidParameter("until", "must be later than since");
            return false;
        }

        if (limit < 1 || limit > MaxLimit)
        {
            problem = Problems.InvalidParameter("limit", $"must be between 1 and {MaxLimit}");
            return false;
        }

        AuditCursor? after = null;
        if (cursor is not null)
        {
            if (!AuditCursor.TryDecode(cursor, out var decoded))
            {
                problem = Problems.InvalidParameter("cursor", "is not a cursor from a previous page");
                return false;
            }

            after = decoded;
        }

        query = new AuditQuery(subjectKind, subjectId, sinceTime, untilTime, limit, after);
        return true;
    }

    private static bool TryParseSubject(
        string? ip,
        string? userId,
        out string? kind,
        out string? id,
        [NotNullWhen(false)] out IResult? problem)
    {
        kind = null;
        id = null;
        problem = null;
        if (ip is not null && userId is not null)
        {
            problem = Problems.InvalidParameter("ip", "give either ip or user_id, not both");
            return false;
        }

        if (ip is not null)
        {
            if (!IpAddressCanonicalizer.TryCanonicalize(ip, out var canonical, out var reason))
            {
                problem = Problems.InvalidParameter("ip", reason);
                return false;
            }

            (kind, id) = (AuditTarget.Ip, canonical);
            return true;
        }

        if (userId is not null)
        {
            var trimmed = userId.Trim();
            if (trimmed.Length == 0 || trimmed == "-")
            {
                problem = Problems.InvalidParameter("user_id", "must not be empty or '-'");
                return false;
            }

            (kind, id) = (AuditTarget.User, trimmed);
        }

        return true;
    }

    private static bool TryParseTime(
        string name,
        string? text,
        out DateTimeOffset? time,
        [NotNullWhen(false)] out IResult? problem)
    {
        time = null;
        problem = null;
        if (text is null)
        {
            return true;
        }

        if (!LogTime.TryParseText(text, out var parsed, out var error))
        {
            problem = Problems.InvalidParameter(name, error.Replace("time ", string.Empty, StringComparison.Ordinal));
            return false;
        }

        time = parsed;
        return true;
    }
}
