using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Kwaf.Gateway.Ingestion.Classification;

/// <summary>
/// One category of patterns compiled into at most two regexes: the built-in set, guarded by its cheap substring
/// anchors, and the configured set, which has no anchors because nothing is known about its patterns.
/// </summary>
/// <remarks>
/// An anchor is a text every match of the built-in set contains, compared ignoring ASCII case. The regexes ignore case
/// more widely: under the invariant culture the Kelvin sign matches 'k', for one. So a text with any character outside
/// ASCII always goes to the regex, and the anchors only spare it the texts they can rule out for certain.
/// </remarks>
internal sealed class PatternCategory
{
    private const RegexOptions Options =
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private readonly Regex? _defaults;
    private readonly SearchValues<string>? _anchors;
    private readonly Regex? _configured;

    public PatternCategory(
        IReadOnlyList<string>? defaults,
        IReadOnlyList<string>? anchors,
        IList<string> configured,
        TimeSpan matchTimeout)
    {
        _defaults = Combine(defaults, matchTimeout);
        _anchors = anchors is null ? null : SearchValues.Create([.. anchors], StringComparison.OrdinalIgnoreCase);
        _configured = Combine([.. configured], matchTimeout);
    }

    /// <summary>
    /// Whether any pattern matches. A match that exceeds the timeout counts as no match: timeouts also come from
    /// pauses (JIT, GC, CPU starvation) on harmless input, and flagging those would be a false positive. The
    /// consequence is that an input built to stall a pattern escapes that one category; the default patterns have
    /// no nested quantifiers, so they run in linear time and do not time out on any input.
    /// </summary>
    public bool IsMatch(ReadOnlySpan<char> text) => Match(text) ?? false;

    /// <summary>
    /// Whether any pattern matches, or null when a match timed out (see <see cref="IsMatch"/>): the answer is then
    /// not one to remember.
    /// </summary>
    public bool? Match(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        try
        {
            var anchored = _anchors is null || text.ContainsAny(_anchors) || !Ascii.IsValid(text);
            return (_defaults is not null && anchored && _defaults.IsMatch(text))
                || (_configured is not null && _configured.IsMatch(text));
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static Regex? Combine(IReadOnlyList<string>? patterns, TimeSpan matchTimeout)
    {
        if (patterns is null || patterns.Count == 0)
        {
            return null;
        }

        var combined = string.Join('|', patterns.Select(static p => "(?:" + p + ")"));
        return new Regex(combined, Options, matchTimeout);
    }
}
