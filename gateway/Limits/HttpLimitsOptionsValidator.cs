using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Limits;

/// <summary>Checks <see cref="HttpLimitsOptions"/> and reports every failure at once.</summary>
internal sealed class HttpLimitsOptionsValidator : IValidateOptions<HttpLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, nameof(options.MaxRequestHeadersTotalSize), options.MaxRequestHeadersTotalSize, 4096, 1 << 20);
        Check(failures, nameof(options.MaxRequestHeaderCount), options.MaxRequestHeaderCount, 16, 1000);
        Check(failures, nameof(options.MaxRequestLineSize), options.MaxRequestLineSize, 1024, 65_536);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string property, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(
                $"{HttpLimitsOptions.SectionName}:{property} is {value}; it must be from {min} to {max}. Set it in "
                + $"appsettings.json or as Kwaf__Http__{property}.");
        }
    }
}
