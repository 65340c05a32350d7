using Kwaf.Gateway.Ingestion.Paths;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Ingestion;

/// <summary>Checks <see cref="IngestionOptions"/> and reports every failure at once.</summary>
internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxFutureSkew < TimeSpan.Zero || options.MaxFutureSkew > TimeSpan.FromDays(1))
        {
            failures.Add(
                $"{IngestionOptions.SectionName}:{nameof(options.MaxFutureSkew)} is {options.MaxFutureSkew}; "
                + "it must be from 00:00:00 to 1.00:00:00. Set it in configuration.");
        }

        if (!Enum.IsDefined(options.PathProfile))
        {
            failures.Add(
                $"{IngestionOptions.SectionName}:{nameof(options.PathProfile)} is {options.PathProfile}; it must be "
                + $"{nameof(PathProfile.Unix)} or {nameof(PathProfile.Windows)}. Set it in configuration.");
        }

        CheckRange(failures, nameof(options.MaxUserIdLength), options.MaxUserIdLength, 1, 256);
        CheckRange(failures, nameof(options.MaxPathLength), options.MaxPathLength, 256, PathNormalizer.MaxTargetLength);
        CheckRange(failures, nameof(options.MaxHostLength), options.MaxHostLength, 64, 1024);
        CheckRange(failures, nameof(options.MaxUserAgentLength), options.MaxUserAgentLength, 128, 8192);
        CheckRange(failures, nameof(options.MaxRefererLength), options.MaxRefererLength, 128, 8192);
        CheckRange(failures, nameof(options.MaxForwardedForLength), options.MaxForwardedForLength, 64, 8192);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string property, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(
                $"{IngestionOptions.SectionName}:{property} is {value}; it must be from {min} to {max}. Set it in "
                + "configuration.");
        }
    }
}
