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
        if (options.IdleDeactivation <= CollectionQuantum)
        {
            return ValidateOptionsResult.Fail(OptionsFailure.Describe(
                KwafGrainLifetimeOptions.SectionName,
                nameof(KwafGrainLifetimeOptions.IdleDeactivation),
                $"must be longer than {CollectionQuantum}, but was {options.IdleDeactivation}"));
        }

        return ValidateOptionsResult.Success;
    }
}
