using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>Checks <see cref="KwafDashboardOptions"/>, naming the configuration key of every bad value.</summary>
internal sealed class KwafDashboardOptionsValidator : IValidateOptions<KwafDashboardOptions>
{
    private static readonly TimeSpan MinCounterUpdateInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxCounterUpdateInterval = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KwafDashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IsValidRoutePrefix(options.RoutePrefix))
        {
            failures.Add(OptionsFailure.Describe(
                KwafDashboardOptions.SectionName,
                nameof(KwafDashboardOptions.RoutePrefix),
                "must start with '/', must not be '/' alone or end with '/', and may hold only letters, digits "
                + "and '/', '-', '_', '.' (for example /dashboard)"));
        }

        var interval = options.CounterUpdateInterval;
        if (interval < MinCounterUpdateInterval
            || interval > MaxCounterUpdateInterval
            || interval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            failures.Add(OptionsFailure.Describe(
                KwafDashboardOptions.SectionName,
                nameof(KwafDashboardOptions.CounterUpdateInterval),
                $"must be whole milliseconds between {MinCounterUpdateInterval} and {MaxCounterUpdateInterval}, "
                + $"but was {interval}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsValidRoutePrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length < 2 || prefix[0] != '/' || prefix[^1] == '/')
        {
            return false;
        }

        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('/' or '-' or '_' or '.'))
            {
                return false;
            }
        }

        return !prefix.Contains("//", StringComparison.Ordinal);
    }
}
