using Kwaf.Events;
using Kwaf.Gateway.Ingestion.Paths;
using Kwaf.Gateway.Ingestion.Text;

namespace Kwaf.Gateway.Ingestion.Classification;

/// <summary>
/// Finds the attack and context traits of one request. Sensitive and login paths are matched on the normalized path.
/// Attack patterns (SQL injection, XSS, traversal, command injection) are matched on the raw target and on the fully
/// decoded path and query, so that normalization never hides what the raw form shows and encoding never hides what
/// the decoded form shows. Exploit signatures and shapes are matched on the raw target only, because decoding would
/// turn the escapes they look for into bytes. The user agent gives ScannerAgent or MissingAgent. Thread-safe; build
/// once.
/// </summary>
internal sealed class RequestClassifier
{
    private const int MemoSlots = 8_192;
    private const int MaxMemoLength = 512;

    private readonly PatternCategory _sensitivePaths;
    private readonly PatternCategory _loginPaths;
    private readonly PatternCategory _scannerAgents;
    private readonly PatternCategory _sqlInjection;
    private readonly PatternCategory _crossSiteScripting;
    private readonly PatternCategory _pathTraversal;
    private readonly PatternCategory _commandInjection;
    private readonly PatternCategory _exploitSignatures;
    private readonly bool _exploitShapes;
    private readonly (PatternCategory Category, RequestTraits Trait)[] _attacks;

    // What the agent and path patterns found for the texts seen lately: most of the cost of classifying an event.
    private readonly RecentMemo<RequestTraits> _agentTraits = new(MemoSlots, MaxMemoLength);
    private readonly RecentMemo<RequestTraits> _pathTraits = new(MemoSlots, MaxMemoLength);
    private readonly RecentMemo<TargetTraits> _targetTraits = new(MemoSlots, MaxMemoLength);

    public RequestClassifier(ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var useDefaults = options.IncludeDefaultPatterns;
        var timeout = options.MatchTimeout;
        _sensitivePaths = Category(
            useDefaults,
            ClassificationDefaults.SensitivePaths,
            ClassificationDefaults.SensitivePathAnchors,
            options.SensitivePaths);
        _loginPaths = Category(
            useDefaults,
            ClassificationDefaults.LoginPaths,
            ClassificationDefaults.LoginPathAnchors,
            options.LoginPaths);
        _scannerAgents = Category(useDefaults, ClassificationDefaults.ScannerAgents, null, options.ScannerAgents);
        _sqlInjection = Category(
            useDefaults,
            ClassificationDefaults.SqlInjection,
            ClassificationDefaults.SqlInjectionAnchors,
            options.SqlInjection);
        _crossSiteScripting = Category(
            useDefaults,
            ClassificationDefaults.CrossSiteScripting,
            ClassificationDefaults.CrossSiteScriptingAnchors,
            options.CrossSiteScripting);
        _pathTraversal = Category(
            useDefaults,
            ClassificationDefaults.PathTraversal,
            ClassificationDefaults.PathTraversalAnchors,
            options.PathTraversal);
        _commandInjection = Category(
            useDefaults,
            ClassificationDefaults.CommandInjection,
            ClassificationDefaults.CommandInjectionAnchors,
            options.CommandInjection);
        _exploitSignatures = Category(
            useDefaults,
            ClassificationDefaults.ExploitSignatures,
            ClassificationDefaults.ExploitSignatureAnchors,
            options.ExploitSignatures);
        _exploitShapes = useDefaults;
        _attacks =
        [
            (_sqlInjection, RequestTraits.SqlInjection),
            (_crossSiteScripting, RequestTraits.CrossSiteScripting),
            (_pathTraversal, RequestTraits.PathTraversal),
            (_commandInjection, RequestTraits.CommandInjection),
        ];

        PatternCategory Category(bool defaults, string[] patterns, string[]? anchors, IList<string> configured) =>
            new(defaults ? patterns : null, defaults ? anchors : null, configured, timeout);
    }

    /// <summary>Classifies one request.</summary>
    /// <param name="rawTarget">The target as logged (path and query, possibly absolute-form).</param>
    /// <param name="normalizedPath">The path from <see cref="PathNormalizer"/>.</param>
    /// <param name="query">The query as logged, without '?'; null when absent.</param>
    /// <param name="userAgent">The user agent; null or empty gives MissingAgent.</param>
    public RequestTraits Classify(string rawTarget, string normalizedPath, string? query, string? userAgent)
    {
        ArgumentNullException.ThrowIfNull(rawTarget);
        ArgumentNullException.ThrowIfNull(normalizedPath);
        return ClassifyAgent(userAgent)
            | ClassifyPath(normalizedPath)
            | ClassifyTarget(rawTarget, normalizedPath, query);
    }

    private RequestTraits ClassifyAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return RequestTraits.MissingAgent;
        }

        return Memoized(
            _agentTraits,
            userAgent,
            static (self, agent) => self._scannerAgents.Match(agent) is { } match
                ? (match ? RequestTraits.ScannerAgent : RequestTraits.None, true)
                : (RequestTraits.None, false));
    }

    /// <summary>
    /// The sensitive and login traits of a path, and of the same path without segment parameters
    /// (<c>/login;jsessionid=1</c>, <c>/api/..;/actuator/env</c>).
    /// </summary>
    private RequestTraits ClassifyPath(string normalizedPath) => Memoized(
        _pathTraits,
        normalizedPath,
        static (self, path) =>
        {
            var (traits, certain) = self.PathTraits(path);
            if (path.Contains(';', StringComparison.Ordinal))
            {
                var (plainTraits, plainCertain) = self.PathTraits(WithoutParameters(path));
                (traits, certain) = (traits | plainTraits, certain && plainCertain);
            }

            return (traits, certain);
        });

    /// <summary>
    /// The path as servers that take <c>;name=value</c> parameters in a segment (Tomcat, Jetty, Spring) resolve it:
    /// every parameter dropped, then the dot segments left bare resolved (<c>/api/..;/actuator</c> is
    /// <c>/actuator</c>).
    /// </summary>
    private static string WithoutParameters(string path)
    {
        var segments = path.Split('/').Select(static segment =>
        {
            var parameters = segment.IndexOf(';', StringComparison.Ordinal);
            return parameters < 0 ? segment : segment[..parameters];
        });
        return PathNormalizer.Normalize(string.Join('/', segments), PathProfile.Unix).Path;
    }

    private (RequestTraits Traits, bool Certain) PathTraits(ReadOnlySpan<char> path)
    {
        var sensitive = _sensitivePaths.Match(path);
        var login = _loginPaths.Match(path);
        var traits = (sensitive == true ? RequestTraits.SensitivePath : RequestTraits.None)
            | (login == true ? RequestTraits.LoginEndpoint : RequestTraits.None);
        return (traits, sensitive.HasValue && login.HasValue);
    }

    /// <summary>
    /// The traits <paramref name="find"/> gives for <paramref name="text"/>, remembered in <paramref name="memo"/>.
    /// An answer that came from a timed-out match (not certain) is used once and not remembered.
    /// </summary>
    private RequestTraits Memoized(
        RecentMemo<RequestTraits> memo,
        string text,
        Func<RequestClassifier, string, (RequestTraits Traits, bool Certain)> find)
    {
        if (memo.TryGet(text, out var known))
        {
            return known;
        }

        var (traits, certain) = find(this, text);
        if (certain)
        {
            memo.Remember(text, traits);
        }

        return traits;
    }

    /// <summary>
    /// The attack and exploit traits of a target, remembered by its raw form. The normalized path and the query are
    /// kept beside them and must be the same on a hit: they come from the raw target, except for a malformed request
    /// line, whose path stands in as "/".
    /// </summary>
    private RequestTraits ClassifyTarget(string rawTarget, string normalizedPath, string? query)
    {
        if (_targetTraits.TryGet(rawTarget, out var known)
            && string.Equals(known.Path, normalizedPath, StringComparison.Ordinal)
            && string.Equals(known.Query, query, StringComparison.Ordinal))
        {
            return known.Traits;
        }

        var certain = true;
        var decodedPath = PercentDecoder.DecodeForInspection(normalizedPath, plusIsSpace: false);
        var decodedQuery = query is null ? null : PercentDecoder.DecodeForInspection(query, plusIsSpace: true);
        var traits = ClassifyExploit(rawTarget, ref certain);
        foreach (var (category, trait) in _attacks)
        {
            traits |= ClassifyAttack(category, trait, rawTarget, decodedPath, decodedQuery, ref certain);
        }

        if (certain)
        {
            _targetTraits.Remember(rawTarget, new TargetTraits(normalizedPath, query, traits));
        }

        return traits;
    }

    private RequestTraits ClassifyExploit(string rawTarget, ref bool certain)
    {
        var found = Matches(_exploitSignatures, rawTarget, ref certain)
            || (_exploitShapes && ExploitShape.IsMatch(rawTarget));
        return found ? RequestTraits.ExploitSignature : RequestTraits.None;
    }

    private static RequestTraits ClassifyAttack(
        PatternCategory category,
        RequestTraits trait,
        string rawTarget,
        string decodedPath,
        string? decodedQuery,
        ref bool certain)
    {
        var found = Matches(category, rawTarget, ref certain)
            || Matches(category, decodedPath, ref certain)
            || (decodedQuery is not null && Matches(category, decodedQuery, ref certain));
        return found ? trait : RequestTraits.None;
    }

    /// <summary>Whether <paramref name="category"/> matches; a timed-out match is no match, and not certain.</summary>
    private static bool Matches(PatternCategory category, string text, ref bool certain)
    {
        var match = category.Match(text);
        certain &= match.HasValue;
        return match ?? false;
    }

    /// <summary>What a raw target gave, with the normalized path and query it was classified with.</summary>
    private sealed record TargetTraits(string Path, string? Query, RequestTraits Traits);
}
