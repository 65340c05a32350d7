namespace Kwaf.Gateway.Ingestion.Classification;

/// <summary>
/// Patterns that <see cref="RequestClassifier"/> adds to its built-in defaults (see
/// <see cref="ClassificationDefaults"/>). Every list is empty by default; a configured list extends the defaults
/// rather than replacing them (configuration binding appends to collections, so defaults are not kept in the lists
/// themselves). Set <see cref="IncludeDefaultPatterns"/> to false to use only configured patterns. Patterns are .NET
/// regular expressions, matched case-insensitively and culture-invariantly.
/// </summary>
internal sealed class ClassificationOptions
{
    /// <summary>Configuration section: <c>Kwaf:Classification</c>.</summary>
    public const string SectionName = "Kwaf:Classification";

    /// <summary>Whether the built-in patterns are used. Default: true.</summary>
    public bool IncludeDefaultPatterns { get; set; } = true;

    /// <summary>Extra sensitive-path patterns, matched on the normalized path. Default: none.</summary>
    public IList<string> SensitivePaths { get; set; } = [];

    /// <summary>Extra login-endpoint patterns, matched on the normalized path. Default: none.</summary>
    public IList<string> LoginPaths { get; set; } = [];

    /// <summary>Extra scanner user-agent patterns. Default: none.</summary>
    public IList<string> ScannerAgents { get; set; } = [];

    /// <summary>Extra SQL injection patterns, matched on the raw target and the decoded path and query.</summary>
    public IList<string> SqlInjection { get; set; } = [];

    /// <summary>Extra cross-site scripting patterns, matched like <see cref="SqlInjection"/>. Default: none.</summary>
    public IList<string> CrossSiteScripting { get; set; } = [];

    /// <summary>Extra path traversal patterns, matched like <see cref="SqlInjection"/>. Default: none.</summary>
    public IList<string> PathTraversal { get; set; } = [];

    /// <summary>Extra command injection patterns, matched like <see cref="SqlInjection"/>. Default: none.</summary>
    public IList<string> CommandInjection { get; set; } = [];

    /// <summary>
    /// Extra exploit signature patterns, matched on the raw target only (as logged, escapes not decoded). Default:
    /// none. The built-in signatures (IIS <c>%uXXXX</c> escapes, <c>.ida?</c>, <c>.idq?</c>, <c>.printer</c>,
    /// <c>/_vti_bin/…dll?</c> with a query of 256+ characters) and shapes (one character repeated 64 times, one
    /// escape repeated 32 times, a target of 1024+ characters that is a quarter or more binary) always apply while
    /// <see cref="IncludeDefaultPatterns"/> is true.
    /// </summary>
    public IList<string> ExploitSignatures { get; set; } = [];

    /// <summary>
    /// Longest time one pattern set may spend on one input. Default: 1 s; valid range 1 ms to 1 s. It guards against
    /// a configured pattern that backtracks without bound; a match that times out counts as no match (see
    /// <see cref="PatternCategory.IsMatch"/>). The default is generous because a pause of the process (JIT of a
    /// compiled pattern on first use, garbage collection, a starved CPU) also counts against it, and a short timeout
    /// would then miss real attacks.
    /// </summary>
    public TimeSpan MatchTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
