namespace Kwaf.Gateway.Ingestion.Json;

/// <summary>The event fields a JSON object can carry, under either naming scheme.</summary>
internal enum EventField
{
    Unknown,
    Time,
    TimeLocal,
    Ip,
    UserId,
    Method,
    Host,
    Path,
    Request,
    Status,
    Bytes,
    DurationMs,
    DurationSeconds,
    UserAgent,
    Referer,
    ForwardedFor,
    Forwarded,
    RealIp,
}
