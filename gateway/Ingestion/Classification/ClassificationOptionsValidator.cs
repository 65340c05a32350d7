using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Ingestion.Classification;

/// <summary>Checks that every configured pattern compiles and the timeout is in range; reports all failures.</summary>
internal sealed class ClassificationOptionsValidator : IValidateOptions<ClassificationOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ClassificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MatchTimeout < TimeSpan.FromMilliseconds(1) || options.MatchTimeout > TimeSpan.FromSeconds(1))
        {
            failures.Add(
                $"{ClassificationOptions.SectionName}:{nameof(options.MatchTimeout)} is {options.MatchTimeout}; "
                + "it must be from 00:00:00.001 to 00:00:01. Set it in configuration.");
        }

        CheckPatterns(nameof(options.SensitivePaths), options.SensitivePaths, failures);
        CheckPatterns(nameof(options.LoginPaths), options.LoginPaths, failures);
        CheckPatterns(nameof(options.ScannerAgents), options.ScannerAgents, failures);
        CheckPatterns(nameof(options.SqlInjection), options.SqlInjection, failures);
        CheckPatterns(nameof(options.CrossSiteScripting), options.CrossSiteScripting, failures);
        CheckPatterns(nameof(options.PathTraversal), options.PathTraversal, failures);
        CheckPatterns(nameof(options.CommandInjection), options.CommandInjection, failures);
        CheckPatterns(nameof(options.ExploitSignatures), options.ExploitSignatures, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPatterns(string key, IList<string>? patterns, List<string> failures)
    {
        if (patterns is null)
        {
            return;
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            var where = $"{ClassificationOptions.SectionName}:{key}[{i}]";
            if (string.IsNullOrWhiteSpace(patterns[i]))
            {
                failures.Add($"{where} is empty; a pattern must be a non-empty regular expression.");
                continue;
            }

            try
            {
                _ = new Regex(patterns[i], RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{where} is not a valid regular expression: {ex.Message}");
            }
        }
    }
}
