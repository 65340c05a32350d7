using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Pipeline;

internal sealed class PipelineOptionsValidator : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        var failures = new List<string>();
        const string Where = "; set it in appsettings.json or as an environment variable (Kwaf__Pipeline__...)";
        if (options.BufferCapacity is < 1_000 or > 10_000_000)
        {
            failures.Add($"{PipelineOptions.SectionName}:BufferCapacity must be between 1000 and 10000000{Where}.");
        }

        if (options.MaxEventsPerDispatch is < 1 or > 1_000_000)
        {
            failures.Add($"{PipelineOptions.SectionName}:MaxEventsPerDispatch must be between 1 and 1000000{Where}.");
        }

        if (options.FullBufferWait < TimeSpan.Zero || options.FullBufferWait > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{PipelineOptions.SectionName}:FullBufferWait must be between 00:00:00 and 00:00:30{Where}.");
        }

        if (options.DispatchWindow < TimeSpan.Zero || options.DispatchWindow > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{PipelineOptions.SectionName}:DispatchWindow must be between 00:00:00 and 00:00:01{Where}.");
        }

        if (options.MaxRoundWait < TimeSpan.FromMilliseconds(10) || options.MaxRoundWait > TimeSpan.FromSeconds(10))
        {
            failures.Add(
                $"{PipelineOptions.SectionName}:MaxRoundWait must be between 00:00:00.010 and 00:00:10{Where}.");
        }

        if (options.Ipv6SubjectPrefixLength is < 32 or > 128)
        {
            failures.Add($"{PipelineOptions.SectionName}:Ipv6SubjectPrefixLength must be between 32 and 128{Where}.");
        }

        if (options.Ipv4AggregatePrefixLength is < 8 or > 31)
        {
            failures.Add($"{PipelineOptions.SectionName}:Ipv4AggregatePrefixLength must be between 8 and 31{Where}.");
        }

        if (options.Ipv6AggregatePrefixLength is < 32 or > 127)
        {
            failures.Add($"{PipelineOptions.SectionName}:Ipv6AggregatePrefixLength must be between 32 and 127{Where}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
