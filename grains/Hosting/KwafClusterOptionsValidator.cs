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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
