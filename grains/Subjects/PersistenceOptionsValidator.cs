using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Subjects;

/// <summary>Checks <see cref="PersistenceOptions"/>, naming the key on failure.</summary>
internal sealed class PersistenceOptionsValidator : IValidateOptions<PersistenceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.WriteInterval < TimeSpan.FromSeconds(1) || options.WriteInterval > TimeSpan.FromMinutes(10))
        {
            return ValidateOptionsResult.Fail(
                $"{PersistenceOptions.SectionName}:WriteInterval must be from 00:00:01 to 00:10:00; "
                + "set it in appsettings.json or KWAF__PERSISTENCE__WRITEINTERVAL");
        }

        return ValidateOptionsResult.Success;
    }
}
