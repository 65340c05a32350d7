namespace Kwaf.Grains.Counters;

/// <summary>
/// The kinds of event counted in a subject's sliding window. The numeric value is the counter's row in
/// <see cref="CounterState.Buckets"/>, so values are never reordered or reused.
/// </summary>
internal enum CounterKind
{
    /// <summary>Every request.</summary>
    Requests = 0,

    /// <summary>Answers 401 or 403.</summary>
    AuthFailures = 1,

    /// <summary>Answers 404.</summary>
    NotFound = 2,

    /// <summary>Other 4xx answers, 429 excluded.</summary>
    OtherClientErrors = 3,

    /// <summary>5xx answers.</summary>
    ServerErrors = 4,

    /// <summary>429 answers.</summary>
    RateLimited = 5,

    /// <summary>Requests to sensitive paths.</summary>
    SensitivePaths = 6,

    /// <summary>Requests matching SQL injection, XSS, command injection or path traversal.</summary>
    Injections = 7,

    /// <summary>401 or 403 answers on a login-like endpoint.</summary>
    LoginFailures = 8,

    /// <summary>Requests for static assets.</summary>
    StaticAssets = 9,

    /// <summary>Requests whose user agent names a scanner or attack tool.</summary>
    ScannerAgents = 10,

    /// <summary>Requests without a user agent.</summary>
    MissingAgents = 11,

    /// <summary>Requests with double encoding, an evasion shape or invalid UTF-8.</summary>
    EncodedEvasions = 12,

    /// <summary>
    /// Requests with a malformed request line (binary noise, no method). Before <see cref="UnusualRequestLines"/>
    /// existed this row also counted unusual lines; such counts age out of the window within its length.
    /// </summary>
    MalformedRequests = 13,

    /// <summary>Requests whose raw target carried an exploit signature or shape.</summary>
    ExploitSignatures = 14,

    /// <summary>Requests with an unusual but parsed request line (absolute-form target, CONNECT, no version).</summary>
    UnusualRequestLines = 15,

    /// <summary>
    /// POST requests to a login-like or registration endpoint, whatever the answer, except sign-ins attributed to a
    /// user (see <see cref="SubjectCounters.IsLoginAttempt"/>).
    /// </summary>
    LoginPosts = 16,
}
