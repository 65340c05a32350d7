using System.Text.RegularExpressions;
using CsCheck;
using Kwaf.Gateway.Ingestion.Classification;

namespace Kwaf.Gateway.Tests.Ingestion.Classification;

/// <summary>
/// The anchors of the built-in patterns only spare the regex texts it would not match: for every category, the
/// anchored set answers as the same patterns without anchors do.
/// </summary>
public sealed partial class PatternCategoryTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    public static TheoryData<string> CategoryNames => [.. Categories.Keys];

    private static Dictionary<string, (string[] Patterns, string[] Anchors)> Categories => new()
    {
        ["sensitive paths"] = (ClassificationDefaults.SensitivePaths, ClassificationDefaults.SensitivePathAnchors),
        ["login paths"] = (ClassificationDefaults.LoginPaths, ClassificationDefaults.LoginPathAnchors),
        ["SQL injection"] = (ClassificationDefaults.SqlInjection, ClassificationDefaults.SqlInjectionAnchors),
        ["cross-site scripting"] =
            (ClassificationDefaults.CrossSiteScripting, ClassificationDefaults.CrossSiteScriptingAnchors),
        ["path traversal"] = (ClassificationDefaults.PathTraversal, ClassificationDefaults.PathTraversalAnchors),
        ["command injection"] =
            (ClassificationDefaults.CommandInjection, ClassificationDefaults.CommandInjectionAnchors),
        ["exploit signatures"] =
            (ClassificationDefaults.ExploitSignatures, ClassificationDefaults.ExploitSignatureAnchors),
    };

    [Theory]
    [MemberData(nameof(CategoryNames))]
    public void Match_AnyText_AnswersAsThePatternsWithoutAnchors(string name)
    {
        var (patterns, anchors) = Categories[name];
        var anchored = new PatternCategory(patterns, anchors, [], Timeout);
        var plain = new PatternCategory(patterns, null, [], Timeout);

        TextFrom(patterns, anchors).Sample(
            text => anchored.Match(text) == plain.Match(text),
            iter: 100_000);
    }

    [Theory]
    [MemberData(nameof(CategoryNames))]
    public void Match_TextsBuiltFromThePatterns_FindSomeMatches(string name)
    {
        // The property above says nothing unless the texts it draws match the patterns often enough.
        var (patterns, anchors) = Categories[name];
        var plain = new PatternCategory(patterns, null, [], Timeout);
        var matches = 0;

        TextFrom(patterns, anchors).Sample(
            text => Interlocked.Add(ref matches, plain.IsMatch(text) ? 1 : 0),
            iter: 10_000);

        Assert.True(matches >= 40, $"{matches} of 10000 texts matched");
    }

    [Theory]
    [InlineData("sensitive paths", "/jen\u212Ains/script")]
    [InlineData("SQL injection", "id=benchmar\u212A(9)")]
    public void Match_LetterOutsideAsciiThatTheRegexFolds_StillMatches(string name, string text)
    {
        // The Kelvin sign matches 'k' under the regex's invariant case folding, but no anchor compares equal to it.
        var (patterns, anchors) = Categories[name];
        var category = new PatternCategory(patterns, anchors, [], Timeout);

        Assert.True(category.IsMatch(text));
    }

    /// <summary>
    /// Texts of words taken from the patterns themselves (literal runs, alone or after a slash, and anchors) joined by
    /// punctuation the patterns look for, in either case and with a letter outside ASCII now and then, so that a text
    /// matches often and an anchor that misses a spelling of its pattern shows.
    /// </summary>
    private static Gen<string> TextFrom(string[] patterns, string[] anchors)
    {
        string[] glue = ["/", ".", "?", "=", "'", "\"", "(", ")", ";", "|", "&&", "`", "$(", "<", " ", "+", "%2f", "~",
            "-", "\n",
            "_", "1", "x", "\u212A", "\u017F"];
        var runs = patterns.SelectMany(LiteralRuns).ToArray();
        var words = runs.Concat(runs.Select(static run => "/" + run)).Concat(anchors).Distinct().ToArray();
        var part = Gen.Select(
            Gen.Frequency((3, Gen.OneOfConst(words)), (1, Gen.OneOfConst(glue))),
            Gen.Int[0, 3],
            static (word, casing) => casing switch
            {
                0 => word.ToUpperInvariant(),
                1 => char.ToUpperInvariant(word[0]) + word[1..],
                _ => word,
            });
        return part.Array[1, 5].Select(static parts => string.Concat(parts));
    }

    /// <summary>The runs of literal characters of a pattern, escaped dots undone: "wp-config", ".php".</summary>
    private static IEnumerable<string> LiteralRuns(string pattern) =>
        LiteralRun().Matches(pattern.Replace(@"\.", ".", StringComparison.Ordinal)).Select(static m => m.Value);

    [GeneratedRegex(@"[A-Za-z0-9_./~%-]{2,}")]
    private static partial Regex LiteralRun();
}
