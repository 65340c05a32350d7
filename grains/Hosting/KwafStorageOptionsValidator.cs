using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>Checks <see cref="KwafStorageOptions"/>, naming the configuration key of every bad value.</summary>
internal sealed class KwafStorageOptionsValidator : IValidateOptions<KwafStorageOptions>
{
    private static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KwafStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add(Describe(nameof(KwafStorageOptions.Provider), "must be Sqlite, Memory or PostgreSql"));
        }

        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            failures.Add(Describe(nameof(KwafStorageOptions.DataPath), "must not be empty"));
        }
        else if (options.DataPath.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add(Describe(nameof(KwafStorageOptions.DataPath), "must be a valid folder path"));
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > MaxBusyTimeout)
        {
            failures.Add(Describe(
                nameof(KwafStorageOptions.BusyTimeout),
                $"must be between 00:00:00 and {MaxBusyTimeout}, but was {options.BusyTimeout}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(string propertyName, string rule) =>
        OptionsFailure.Describe(KwafStorageOptions.SectionName, propertyName, rule);
}
