namespace Kwaf.Gateway.Ingestion;

/// <summary>
/// What a reader found in one input item, before validation. Readers fill it; <see cref="EventNormalizer"/> turns
/// it into an <see cref="Kwaf.Events.HttpEvent"/> or a <see cref="Rejection"/>.
/// </summary>
internal sealed class EventDraft
{
    /// <summary>Event time with its offset; null when the input had none (meaning "now").</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>Set when a time value was present but unparsable or lacked an offset.</summary>
    public string? TimeError { get; set; }

    /// <summary>Client address as written; canonicalized by the normalizer.</summary>
    public string? Ip { get; set; }

    public string? UserId { get; set; }

    public string? Method { get; set; }

    public string? Host { get; set; }

    /// <summary>Path and query as logged; may be absolute-form or authority-form.</summary>
    public string? Target { get; set; }

    public int? Status { get; set; }

    /// <summary>Set when a status value was present but not an integer.</summary>
    public string? StatusError { get; set; }

    public long? Bytes { get; set; }

    public double? DurationMs { get; set; }

    public string? UserAgent { get; set; }

    public string? Referer { get; set; }

    /// <summary>Whether the event came with a request line (access logs and nginx <c>request</c>).</summary>
    public bool HasRequestLine { get; set; }

    /// <summary>
    /// The request line as logged when it is not a request (no method and target), kept as the evidence it is.
    /// </summary>
    public string? RawRequestLine { get; set; }

    public RequestLineShape Shape { get; set; }

    /// <summary>The input held bytes that were not valid UTF-8 (see <c>Utf8Text</c> for how they were kept).</summary>
    public bool InvalidEncoding { get; set; }

    /// <summary>
    /// X-Forwarded-For as the reporting proxy received it; read by the normalizer only when it is the configured
    /// forwarded header and the event's peer is a trusted proxy (see <c>ClientIpResolver</c>).
    /// </summary>
    public string? ForwardedFor { get; set; }

    /// <summary>The RFC 7239 Forwarded header as the reporting proxy received it; read like ForwardedFor.</summary>
    public string? Forwarded { get; set; }

    /// <summary>X-Real-IP as the reporting proxy received it; read like ForwardedFor.</summary>
    public string? RealIp { get; set; }

    /// <summary>Set by the normalizer: the fields it cut to their limits (none when nothing was cut).</summary>
    public TruncatedFields Truncated { get; set; }

    /// <summary>
    /// Empties the draft for the next item of a reader that fills one draft item after item (a replayed log), once
    /// the normalizer has made its event: the event keeps none of the draft.
    /// </summary>
    public void Clear()
    {
        Time = null;
        TimeError = null;
        Ip = null;
        UserId = null;
        Method = null;
        Host = null;
        Target = null;
        Status = null;
        StatusError = null;
        Bytes = null;
        DurationMs = null;
        UserAgent = null;
        Referer = null;
        HasRequestLine = false;
        RawRequestLine = null;
        Shape = default;
        InvalidEncoding = false;
        ForwardedFor = null;
        Forwarded = null;
        RealIp = null;
        Truncated = TruncatedFields.None;
    }
}
