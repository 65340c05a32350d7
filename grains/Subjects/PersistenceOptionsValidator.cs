using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Subjects;

/// <summary>Checks <see cref="PersistenceOptions"/>, naming the key of every bad value.</summary>
internal sealed class PersistenceOptionsValidator : IValidateOptions<PersistenceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        AddRangeFailure(
            failures,
            nameof(PersistenceOptions.WriteInterval),
            options.WriteInterval,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromMinutes(10));
        AddRangeFailure(
            failures,
            nameof(PersistenceOptions.WriteTimeout),
            options.WriteTimeout,
            TimeSpan.FromMilliseconds(100),
            TimeSpan.FromMinutes(1));
        AddRangeFailure(
            failures,
            nameof(PersistenceOptions.MaxRetryBackoff),
            options.MaxRetryBackoff,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromHours(1));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddRangeFailure(
        List<string> failures,
        string propertyName,
        TimeSpan value,
        TimeSpan min,
        TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add(OptionsFailure.Describe(
                PersistenceOptions.SectionName,
                propertyName,
                $"must be from {min} to {max}, but was {value}"));
        }
    }
}
