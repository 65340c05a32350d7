using Kwaf.Grains.Counters;

namespace Kwaf.Grains.Tests.Counters;

public sealed class CounterOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var validator = new CounterOptionsValidator();

        var result = validator.Validate(null, new CounterOptions());

        Assert.True(result.Succeeded);
        Assert.Equal(60, new CounterOptions().BucketCount);
    }

    [Fact]
    public void Validate_WindowNotMultipleOfBucket_NamesWindowKey()
    {
        var options = new CounterOptions { BucketWidth = TimeSpan.FromSeconds(7) };

        var result = new CounterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(
            result.Failures!,
            f => f.StartsWith("Kwaf:Counters:Window must be a whole multiple", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1001)]
    public void Validate_BucketCountOutOfRange_NamesWindowKey(int buckets)
    {
        var options = new CounterOptions
        {
            BucketWidth = TimeSpan.FromSeconds(1),
            Window = TimeSpan.FromSeconds(buckets),
        };

        var result = new CounterOptionsValidator().Validate(null, options);

        Assert.Contains(
            result.Failures!,
            f => f.Contains("Kwaf:Counters:Window must span 2 to 1000", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsAllAtOnce()
    {
        var options = new CounterOptions
        {
            BucketWidth = TimeSpan.Zero,
            DistinctCapacity = 0,
            EndpointCapacity = 0,
            PeerSampleSize = 0,
        };

        var result = new CounterOptionsValidator().Validate(null, options);

        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(
            result.Failures!,
            f => f.Contains("KWAF__COUNTERS__DISTINCTCAPACITY", StringComparison.Ordinal));
    }
}
