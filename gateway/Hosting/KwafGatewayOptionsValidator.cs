using Kwaf.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Hosting;

/// <summary>Checks <see cref="KwafGatewayOptions"/>, naming the key of a bad value.</summary>
internal sealed class KwafGatewayOptionsValidator : IValidateOptions<KwafGatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KwafGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Enum.IsDefined(options.Mode)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(OptionsFailure.Describe(
                KwafGatewayOptions.SectionName,
                nameof(KwafGatewayOptions.Mode),
                "must be Embedded or Client"));
    }
}
