using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Counters;

/// <summary>Checks <see cref="CounterOptions"/> and reports every failure at once, naming the key.</summary>
internal sealed class CounterOptionsValidator : IValidateOptions<CounterOptions>
{
    private const string Where = "; set it in appsettings.json or KWAF__COUNTERS__";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CounterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BucketWidth < TimeSpan.FromSeconds(1))
        {
            failures.Add(Fail("BucketWidth", "must be at least 00:00:01"));
        }
        else if (options.Window.Ticks % options.BucketWidth.Ticks != 0)
        {
            failures.Add(Fail("Window", "must be a whole multiple of Kwaf:Counters:BucketWidth"));
        }
        else if (options.BucketCount is < 2 or > 1000)
        {
            failures.Add(Fail("Window", "must span 2 to 1000 buckets of Kwaf:Counters:BucketWidth"));
        }

        AddRange(failures, "DistinctCapacity", options.DistinctCapacity, 8, 4096);
        AddRange(failures, "EndpointCapacity", options.EndpointCapacity, 1, 1024);
        AddRange(failures, "PeerSampleSize", options.PeerSampleSize, 1, 256);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(Fail(key, $"must be between {min} and {max}"));
        }
    }

    private static string Fail(string key, string rule) =>
        $"{CounterOptions.SectionName}:{key} {rule}{Where}{key.ToUpperInvariant()}";
}
