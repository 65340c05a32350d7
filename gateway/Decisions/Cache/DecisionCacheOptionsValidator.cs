using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Decisions.Cache;

/// <summary>Checks <see cref="DecisionCacheOptions"/>, reporting every failure at once.</summary>
internal sealed class DecisionCacheOptionsValidator : IValidateOptions<DecisionCacheOptions>
{
    internal static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(10);
    internal static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MinRenewInterval = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxRenewInterval = TimeSpan.FromSeconds(50);
    internal static readonly TimeSpan MaxProxyCacheLifetime = TimeSpan.FromSeconds(2);

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

        var lifetime = options.ProxyCacheLifetime;
        var wholeSeconds = lifetime.Ticks % TimeSpan.TicksPerSecond == 0;
        if (lifetime < TimeSpan.Zero || lifetime > MaxProxyCacheLifetime || !wholeSeconds)
        {
            failures.Add(
                $"DecisionCacheOptions.ProxyCacheLifetime must be 0, 1 or 2 whole seconds (was {lifetime}); " +
                "set Kwaf:Decisions:ProxyCacheLifetime.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
