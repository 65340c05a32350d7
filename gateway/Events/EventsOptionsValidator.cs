using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Events;

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options) =>
        options.MaxBodyBytes is < 1024 or > 256 * 1024 * 1024
            ? ValidateOptionsResult.Fail(
                $"{EventsOptions.SectionName}:MaxBodyBytes must be between 1024 and 268435456 bytes; set it in "
                + "appsettings.json or as Kwaf__Events__MaxBodyBytes.")
            : ValidateOptionsResult.Success;
}
