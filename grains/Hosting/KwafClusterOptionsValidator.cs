using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>Checks <see cref="KwafClusterOptions"/>, naming the configuration key of every bad value.</summary>
internal sealed class KwafClusterOptionsValidator : IValidateOptions<KwafClusterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KwafClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add(OptionsFailure.Describe(
                KwafClusterOptions.SectionName,
                nameof(KwafClusterOptions.ClusterId),
                "must not be empty"));
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add(OptionsFailure.Describe(
                KwafClusterOptions.SectionName,
                nameof(KwafClusterOptions.ServiceId),
                "must not be empty"));
        }

        if (!Enum.IsDefined(options.Membership))
        {
            failures.Add(Describe(nameof(KwafClusterOptions.Membership), "must be Localhost or Redis"));
        }

        CheckRange(
            failures,
            nameof(KwafClusterOptions.ProbeTimeout),
            options.ProbeTimeout,
            TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMinutes(1));
        CheckRange(
            failures,
            nameof(KwafClusterOptions.ResponseTimeout),
            options.ResponseTimeout,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromMinutes(5));
        CheckRange(
            failures,
            nameof(KwafClusterOptions.GatewayListRefreshPeriod),
            options.GatewayListRefreshPeriod,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromMinutes(10));
        if (options.MissedProbesLimit is < 1 or > 10)
        {
            failures.Add(Describe(nameof(KwafClusterOptions.MissedProbesLimit), "must be between 1 and 10"));
        }

        if (options.VotesForDeath is < 1 or > 10)
        {
            failures.Add(Describe(nameof(KwafClusterOptions.VotesForDeath), "must be between 1 and 10"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(
        List<string> failures,
        string property,
        TimeSpan value,
        TimeSpan minimum,
        TimeSpan maximum)
    {
        if (value < minimum || value > maximum)
        {
            failures.Add(Describe(property, $"must be from {minimum:c} to {maximum:c}"));
        }
    }

    private static string Describe(string property, string rule) =>
        OptionsFailure.Describe(KwafClusterOptions.SectionName, property, rule);
}
