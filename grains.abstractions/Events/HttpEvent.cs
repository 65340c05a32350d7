namespace Kwaf.Events;

/// <summary>
/// One HTTP request as a proxy saw it, validated and normalized at ingestion. Grains receive only this form.
/// </summary>
/// <param name="Time">Event time (when the proxy logged the request), in UTC.</param>
/// <param name="Ip">Client IP in canonical form: IPv4 dotted quad or RFC 5952 IPv6, never IPv4-mapped.</param>
/// <param name="UserId">User id when the proxy knew it; never empty.</param>
/// <param name="Method">Request method, upper case, or <c>INVALID</c> when the request line was not HTTP.</param>
/// <param name="Host">Host the request named, lower case, without port; null when unknown.</param>
/// <param name="Path">Normalized path without the query (see the path normalizer's documentation).</param>
/// <param name="Query">Query string without the leading '?', as logged; null when absent.</param>
/// <param name="RawTarget">The request target exactly as logged (decoded as text), kept as evidence.</param>
/// <param name="Endpoint">Method plus path template, for example <c>GET /users/{id}</c>.</param>
/// <param name="Status">HTTP status code 100-599, or 0 when the feed carries none (a mirrored request).</param>
/// <param name="Bytes">Response size in bytes; null when not logged.</param>
/// <param name="DurationMs">Time the proxy took to answer, in milliseconds; null when not logged.</param>
/// <param name="UserAgent">User agent; null when absent, empty or "-".</param>
/// <param name="Referer">Referer; null when absent, empty or "-".</param>
/// <param name="Traits">What classification found in the request (see <see cref="RequestTraits"/>).</param>
[GenerateSerializer]
[Immutable]
[Alias("kwaf.HttpEvent")]
public sealed record HttpEvent(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Ip,
    [property: Id(2)] string? UserId,
    [property: Id(3)] string Method,
    [property: Id(4)] string? Host,
    [property: Id(5)] string Path,
    [property: Id(6)] string? Query,
    [property: Id(7)] string RawTarget,
    [property: Id(8)] string Endpoint,
    [property: Id(9)] int Status,
    [property: Id(10)] long? Bytes,
    [property: Id(11)] double? DurationMs,
    [property: Id(12)] string? UserAgent,
    [property: Id(13)] string? Referer,
    [property: Id(14)] RequestTraits Traits);
