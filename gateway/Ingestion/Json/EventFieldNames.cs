using System.Text;

namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>
/// Maps property names to <see cref="EventField"/>. Both readers accept both schemes: the kwaf camelCase names
/// (<c>time ip userId method host path status bytes durationMs userAgent referer forwardedFor forwarded realIp</c>)
/// and nginx variable names (<c>time_iso8601 time_local remote_addr remote_user request request_method request_uri
/// uri status body_bytes_sent bytes_sent request_time</c> (seconds) <c>http_user_agent http_referer
/// http_x_forwarded_for http_forwarded http_x_real_ip host http_host</c>), plus snake_case names for hand-built
/// formats such as an HAProxy log-format (<c>client_ip user_id duration_ms</c>). Names are case-sensitive.
/// </summary>
internal static class EventFieldNames
{
    private const int MaxNameLength = 32;

    public static EventField Lookup(ReadOnlySpan<byte> utf8Name)
    {
        if (utf8Name.Length > MaxNameLength)
        {
            return EventField.Unknown;
        }

        Span<char> name = stackalloc char[MaxNameLength];
        var length = Encoding.UTF8.GetChars(utf8Name, name);
        return Lookup(name[..length]);
    }

    private static EventField Lookup(ReadOnlySpan<char> name) => name switch
    {
        "time" or "time_iso8601" or "timestamp" => EventField.Time,
        "time_local" => EventField.TimeLocal,
        "ip" or "remote_addr" or "client_ip" => EventField.Ip,
        "userId" or "remote_user" or "user_id" => EventField.UserId,
        "method" or "request_method" => EventField.Method,
        "host" or "http_host" => EventField.Host,
        "path" or "request_uri" or "uri" => EventField.Path,
        "request" => EventField.Request,
        "status" => EventField.Status,
        "bytes" or "body_bytes_sent" or "bytes_sent" => EventField.Bytes,
        "durationMs" or "duration_ms" => EventField.DurationMs,
        "request_time" => EventField.DurationSeconds,
        "userAgent" or "http_user_agent" => EventField.UserAgent,
        "referer" or "http_referer" => EventField.Referer,
        "forwardedFor" or "http_x_forwarded_for" => EventField.ForwardedFor,
        "forwarded" or "http_forwarded" => EventField.Forwarded,
        "realIp" or "http_x_real_ip" => EventField.RealIp,
        _ => EventField.Unknown,
    };
}
