using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Events;

/// <summary>Checks <see cref="EventsOptions"/> and reports every failure at once.</summary>
internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public const int MinLineBytes = 1024;
    public const int MaxLineBytes = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, EventsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, nameof(options.MaxBodyBytes), options.MaxBodyBytes, 1024, 256 * 1024 * 1024);
        Check(failures, nameof(options.MaxEventsPerBatch), options.MaxEventsPerBatch, 1, 1_000_000);
        Check(failures, nameof(options.MaxLineBytes), options.MaxLineBytes, MinLineBytes, MaxLineBytes);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string property, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(
                $"{EventsOptions.SectionName}:{property} is {value}; it must be from {min} to {max}. Set it in "
                + $"appsettings.json or as Kwaf__Events__{property}.");
        }
    }
}
