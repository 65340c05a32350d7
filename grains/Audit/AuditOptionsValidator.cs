using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Audit;

/// <summary>Checks <see cref="AuditOptions"/>, reporting every bad value at once.</summary>
internal sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckRange(failures, nameof(AuditOptions.BufferCapacity), options.BufferCapacity, 100, 10_000_000);
        CheckRange(failures, nameof(AuditOptions.BatchSize), options.BatchSize, 1, 100_000);
        CheckRange(failures, nameof(AuditOptions.MemoryCapacity), options.MemoryCapacity, 100, 10_000_000);
        if (options.RetryMinDelay < TimeSpan.FromMilliseconds(1) || options.RetryMinDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add(Failure(nameof(AuditOptions.RetryMinDelay), "must be between 00:00:00.001 and 00:01:00"));
        }

        if (options.RetryMaxDelay < options.RetryMinDelay || options.RetryMaxDelay > TimeSpan.FromMinutes(10))
        {
            failures.Add(Failure(nameof(AuditOptions.RetryMaxDelay), "must be between RetryMinDelay and 00:10:00"));
        }

        if (options.OverflowLogInterval < TimeSpan.Zero || options.OverflowLogInterval > TimeSpan.FromHours(1))
        {
            failures.Add(Failure(nameof(AuditOptions.OverflowLogInterval), "must be between 00:00:00 and 01:00:00"));
        }

        if (!Enum.IsDefined(options.Store))
        {
            failures.Add(Failure(nameof(AuditOptions.Store), "must be Auto, Memory, Sqlite or PostgreSql"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string property, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(Failure(property, $"must be between {min} and {max}, was {value}"));
        }
    }

    private static string Failure(string property, string rule) =>
        $"AuditOptions.{property} {rule}; set {AuditOptions.SectionName}:{property}.";
}
