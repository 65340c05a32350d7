using Kwaf.Gateway.Ingestion.Paths;

namespace Kwaf.Gateway.Ingestion;

/// <summary>How events are validated and normalized at ingestion (section <c>Kwaf:Ingestion</c>).</summary>
internal sealed class IngestionOptions
{
    /// <summary>Configuration section: <c>Kwaf:Ingestion</c>.</summary>
    public const string SectionName = "Kwaf:Ingestion";

    /// <summary>
    /// How far an event time may lie ahead of the clock. Times within it are clamped to now; times beyond it are
    /// rejected naming <c>time</c>. Default: 5 minutes; valid range 0 to 1 day.
    /// </summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How the backend reads paths (see <see cref="Paths.PathProfile"/>). Default: Unix.</summary>
    public PathProfile PathProfile { get; set; } = PathProfile.Unix;

    /// <summary>
    /// Longest user id, in characters after trimming; a longer one rejects the event naming <c>userId</c> (a cut id
    /// could merge two users, and ids come from the application, not the client). Default 256; range 1 to 256 (the
    /// longest id a decision can name).
    /// </summary>
    public int MaxUserIdLength { get; set; } = EventNormalizer.MaxUserIdLength;

    /// <summary>
    /// Longest request target (path and query), in characters; a longer one is cut, the event is kept and marked
    /// (the client chooses its path, so rejecting would let it hide). Default 8192; range 256 to 8192.
    /// </summary>
    public int MaxPathLength { get; set; } = Paths.PathNormalizer.MaxTargetLength;

    /// <summary>Longest host, in characters; a longer one is cut and marked. Default 255; range 64 to 1024.</summary>
    public int MaxHostLength { get; set; } = EventNormalizer.MaxHostLength;

    /// <summary>Longest user agent, in characters; a longer one is cut and marked. Default 1024; range 128 to
    /// 8192.</summary>
    public int MaxUserAgentLength { get; set; } = EventNormalizer.MaxUserAgentLength;

    /// <summary>Longest referer, in characters; a longer one is cut and marked. Default 2048; range 128 to
    /// 8192.</summary>
    public int MaxRefererLength { get; set; } = EventNormalizer.MaxRefererLength;

    /// <summary>
    /// Longest forwarded-address chain (X-Forwarded-For as the proxy received it), in characters; a longer one keeps
    /// its rightmost addresses (those the nearest proxies added) and is marked. Default 1024; range 64 to 8192.
    /// </summary>
    public int MaxForwardedForLength { get; set; } = EventNormalizer.MaxForwardedForLength;
}
