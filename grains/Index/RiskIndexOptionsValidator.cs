using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Index;

/// <summary>Checks <see cref="RiskIndexOptions"/>, reporting every failure at once.</summary>
internal sealed class RiskIndexOptionsValidator : IValidateOptions<RiskIndexOptions>
{
    internal const int MaxCapacity = 1_000_000;
    internal static readonly TimeSpan MinFlushInterval = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxFlushInterval = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, RiskIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Capacity is < 1 or > MaxCapacity)
        {
            failures.Add(
                $"RiskIndexOptions.Capacity must be from 1 to {MaxCapacity} (was {options.Capacity}); " +
                "set Kwaf:Index:Capacity.");
        }

        if (options.FlushInterval < MinFlushInterval || options.FlushInterval > MaxFlushInterval)
        {
            failures.Add(
                $"RiskIndexOptions.FlushInterval must be from 1 second to 5 minutes (was {options.FlushInterval}); " +
                "set Kwaf:Index:FlushInterval.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
