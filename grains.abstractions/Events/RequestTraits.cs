namespace Kwaf.Events;

/// <summary>
/// Facts about one request found once at ingestion, so that every grain that sees the event scores it alike.
/// </summary>
[Flags]
public enum RequestTraits
{
    /// <summary>Nothing notable.</summary>
    None = 0,

    /// <summary>The path names a static asset (image, script, style sheet, font) by its extension.</summary>
    StaticAsset = 1 << 0,

    /// <summary>The raw path held a percent-escape that itself decodes to a percent-escape (double encoding).</summary>
    DoubleEncoded = 1 << 1,

    /// <summary>Dot segments tried to climb above the root, or an encoded "../" was present.</summary>
    PathTraversal = 1 << 2,

    /// <summary>The path or query matched a SQL injection pattern.</summary>
    SqlInjection = 1 << 3,

    /// <summary>The path or query matched a cross-site scripting pattern.</summary>
    CrossSiteScripting = 1 << 4,

    /// <summary>The path or query matched a command injection pattern.</summary>
    CommandInjection = 1 << 5,

    /// <summary>The path names a sensitive file or admin console (/.env, /.git/, backups, config files).</summary>
    SensitivePath = 1 << 6,

    /// <summary>The user agent names a scanner or attack tool.</summary>
    ScannerAgent = 1 << 7,

    /// <summary>The user agent is missing or empty.</summary>
    MissingAgent = 1 << 8,

    /// <summary>The request line was unusual but parsed: absolute-form target, CONNECT, or no version.</summary>
    UnusualRequestLine = 1 << 9,

    /// <summary>The request line was not a valid HTTP request (binary noise, no method).</summary>
    MalformedRequest = 1 << 10,

    /// <summary>The path looks like a login, authentication or account registration endpoint.</summary>
    LoginEndpoint = 1 << 11,

    /// <summary>The logged text held bytes that were not valid UTF-8; they were kept as percent-escapes.</summary>
    InvalidEncoding = 1 << 12,

    /// <summary>The path used an evasion shape: a trailing dot or a backslash separator.</summary>
    EvasionShape = 1 << 13,

    /// <summary>
    /// The raw target carried the shape of a known exploit: IIS <c>%uXXXX</c> escapes, an ISAPI overflow target
    /// (<c>.ida?</c>, <c>.idq?</c>, <c>.printer</c>), a long run of one repeated character or percent-escape (a
    /// filler or NOP sled), or a long target of binary filler that is not valid UTF-8.
    /// </summary>
    ExploitSignature = 1 << 14,

    /// <summary>
    /// The event came from a trusted proxy that named no client kwaf can believe (no forwarded header, only trusted
    /// hops, or an unreadable nearest hop). Its IP is that proxy's address, kept as evidence: the event counts for no
    /// IP subject and for no user's peers, only for its user, if it has one.
    /// </summary>
    Unattributed = 1 << 15,

    /// <summary>
    /// A client-controlled field (path, host, user agent, referer or forwarded chain) was longer than its ingestion
    /// limit and was cut; the event was kept.
    /// </summary>
    TruncatedField = 1 << 16,
}
