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
    /// Longest time one pattern set may spend on one input. Default: 100 ms; valid range 1 ms to 1 s. A match that
    /// times out counts as no match (see <see cref="PatternCategory.IsMatch"/>).
    /// </summary>
    public TimeSpan MatchTimeout { get; set; } = TimeSpan.FromMilliseconds(100);
}
