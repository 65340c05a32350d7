using System.Globalization;
using Kwaf.Grains.Counters;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Policy;

/// <summary>
/// Checks <see cref="PolicyOptions"/> and reports every failure at once. Each message names the full key, the rule,
/// and where to set it. Detector windows are checked against the counters' sliding window.
/// </summary>
internal sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    private readonly TimeSpan _counterWindow;

    /// <summary>Creates a validator that checks detector windows against <paramref name="counterOptions"/>.</summary>
    /// <param name="counterOptions">The counter options.</param>
    public PolicyOptionsValidator(IOptions<CounterOptions> counterOptions)
    {
        ArgumentNullException.ThrowIfNull(counterOptions);
        _counterWindow = counterOptions.Value.Window;
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateScores(options, failures);
        if (options.HalfLife < TimeSpan.FromSeconds(1))
        {
            failures.Add(Fail("HalfLife", "must be at least 00:00:01"));
        }

        if (options.OffenceMemory <= TimeSpan.Zero)
        {
            failures.Add(Fail("OffenceMemory", "must be positive"));
        }

        ValidateSteps(options.ThrottleDurations, "ThrottleDurations", failures);
        ValidateSteps(options.BlockDurations, "BlockDurations", failures);
        ValidateAllowlist(options.Allowlist, failures);
        for (var kind = 0; kind < SignalNames.Count; kind++)
        {
            var signal = (SignalKind)kind;
            ValidateDetector(SignalNames.OptionsOf(options.Detectors, signal), SignalNames.OptionKey(signal), failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateScores(PolicyOptions options, List<string> failures)
    {
        if (options.SuspiciousScore <= 0 || options.SuspiciousScore >= options.HighScore)
        {
            failures.Add(Fail("SuspiciousScore", "must be greater than 0 and below Kwaf:Policy:HighScore"));
        }

        if (options.HighScore >= options.CriticalScore)
        {
            failures.Add(Fail("HighScore", "must be below Kwaf:Policy:CriticalScore"));
        }

        if (options.CriticalScore > 100)
        {
            failures.Add(Fail("CriticalScore", "must be at most 100"));
        }
    }

    private static void ValidateSteps(TimeSpan[]? steps, string key, List<string> failures)
    {
        if (steps is null)
        {
            return;
        }

        if (steps.Length > 16)
        {
            failures.Add(Fail(key, "must hold at most 16 entries"));
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] <= TimeSpan.Zero)
            {
                failures.Add(Fail(Indexed(key, i), "must be positive"));
            }
        }
    }

    private static void ValidateAllowlist(List<string>? entries, List<string> failures)
    {
        if (entries is null)
        {
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (!IpNetwork.TryParse(entries[i]?.Trim(), out _))
            {
                failures.Add(Fail(Indexed("Allowlist", i), "must be an IP address or CIDR range such as 192.0.2.0/24"));
            }
        }
    }

    private void ValidateDetector(DetectorOptions? detector, string name, List<string> failures)
    {
        var key = "Detectors:" + name;
        if (detector is null)
        {
            failures.Add(Fail(key, "must not be null"));
            return;
        }

        if (detector.Window <= TimeSpan.Zero || detector.Window > _counterWindow)
        {
            var rule = $"must be positive and at most Kwaf:Counters:Window ({_counterWindow})";
            failures.Add(Fail(key + ":Window", rule));
        }

        if (detector.Threshold < 1)
        {
            failures.Add(Fail(key + ":Threshold", "must be at least 1"));
        }

        if (detector.Points <= 0 || detector.Points > 100)
        {
            failures.Add(Fail(key + ":Points", "must be greater than 0 and at most 100"));
        }

        if (detector.MaxPoints < detector.Points || detector.MaxPoints > 100)
        {
            failures.Add(Fail(key + ":MaxPoints", "must be at least its Points and at most 100"));
        }

        if (detector.MinShare <= 0 || detector.MinShare > 1)
        {
            failures.Add(Fail(key + ":MinShare", "must be greater than 0 and at most 1"));
        }
    }

    private static string Indexed(string key, int index) => key + ":" + index.ToString(CultureInfo.InvariantCulture);

    private static string Fail(string key, string rule)
    {
        var environmentName = "KWAF__POLICY__" + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
        return $"{PolicyOptions.SectionName}:{key} {rule}; set it in appsettings.json or {environmentName}";
    }
}
