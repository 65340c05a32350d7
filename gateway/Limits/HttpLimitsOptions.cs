namespace Kwaf.Gateway.Limits;

/// <summary>
/// Limits of the gateway's HTTP server (section <c>Kwaf:Http</c>), set on Kestrel explicitly so that they are
/// documented and tested rather than inherited. Past them Kestrel answers before any endpoint runs: 431 for headers,
/// 414 for the request line, and closes the connection.
/// </summary>
internal sealed class HttpLimitsOptions
{
    public const string SectionName = "Kwaf:Http";

    /// <summary>
    /// Largest total size of a request's headers, in bytes (names and values). Default 32768; range 4096 to 1048576.
    /// </summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 32 * 1024;

    /// <summary>Most headers one request may carry. Default 100; range 16 to 1000.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// Longest request line (method, target and version), in bytes. Default 8192, which holds the longest target an
    /// event keeps (<c>Kwaf:Ingestion:MaxPathLength</c>) behind <c>/events/mirror</c>; range 1024 to 65536.
    /// </summary>
    public int MaxRequestLineSize { get; set; } = 8 * 1024;
}
