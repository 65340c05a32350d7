using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>Checks <see cref="DecisionCacheOptions"/>, reporting every failure at once.</summary>
internal sealed class DecisionCacheOptionsValidator : IValidateOptions<DecisionCacheOptions>
{
    internal static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(10);
    internal static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MinRenewInterval = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxRenewInterval = TimeSpan.FromSeconds(50);

    public ValidateOptionsResult Validate(string? name, DecisionCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PollInterval < MinPollInterval || options.PollInterval > MaxPollInterval)
        {
            failures.Add(
                $"DecisionCacheOptions.PollInterval must be from 10 ms to 1 s (was {options.PollInterval}); " +
                "set Kwaf:Decisions:PollInterval.");
        }

        var renew = options.SubscriptionRenewInterval;
        if (renew < MinRenewInterval || renew > MaxRenewInterval)
        {
            failures.Add(
                "DecisionCacheOptions.SubscriptionRenewInterval must be from 1 s to 50 s " +
                $"(was {options.SubscriptionRenewInterval}); set Kwaf:Decisions:SubscriptionRenewInterval.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
