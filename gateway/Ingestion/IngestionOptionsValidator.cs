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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
