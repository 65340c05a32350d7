using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Hosting;

/// <summary>Checks <see cref="KwafGrainLifetimeOptions"/>, naming the configuration key of every bad value.</summary>
internal sealed class KwafGrainLifetimeOptionsValidator : IValidateOptions<KwafGrainLifetimeOptions>
{
    /// <summary>Orleans' default collection quantum; the collection age must be longer than it.</summary>
    internal static readonly TimeSpan CollectionQuantum = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KwafGrainLifetimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.IdleDeactivation <= CollectionQuantum)
        {
            failures.Add(OptionsFailure.Describe(
                KwafGrainLifetimeOptions.SectionName,
                nameof(KwafGrainLifetimeOptions.IdleDeactivation),
                $"must be longer than {CollectionQuantum}, but was {options.IdleDeactivation}"));
        }

        if (options.MaxActiveSubjects is < KwafGrainLifetimeOptions.MinActiveSubjects
            or > KwafGrainLifetimeOptions.MaxActiveSubjectsLimit)
        {
            failures.Add(OptionsFailure.Describe(
                KwafGrainLifetimeOptions.SectionName,
                nameof(KwafGrainLifetimeOptions.MaxActiveSubjects),
                $"must be between {KwafGrainLifetimeOptions.MinActiveSubjects} and "
                + $"{KwafGrainLifetimeOptions.MaxActiveSubjectsLimit}, but was {options.MaxActiveSubjects}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
