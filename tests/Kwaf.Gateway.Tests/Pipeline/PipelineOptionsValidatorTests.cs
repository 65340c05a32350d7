using Kwaf.Gateway.Pipeline;

namespace Kwaf.Gateway.Tests.Pipeline;

public sealed class PipelineOptionsValidatorTests
{
    private readonly PipelineOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(null, new PipelineOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10_001)]
    public void Validate_MaxRoundWaitOutOfRange_FailsNamingKey(int milliseconds)
    {
        var options = new PipelineOptions { MaxRoundWait = TimeSpan.FromMilliseconds(milliseconds) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:Pipeline:MaxRoundWait", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_001)]
    public void Validate_DispatchWindowOutOfRange_FailsNamingKey(int milliseconds)
    {
        var options = new PipelineOptions { DispatchWindow = TimeSpan.FromMilliseconds(milliseconds) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:Pipeline:DispatchWindow", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000)]
    public void Validate_DispatchWindowAtItsBounds_Succeeds(int milliseconds)
    {
        var options = new PipelineOptions { DispatchWindow = TimeSpan.FromMilliseconds(milliseconds) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(10_000_001)]
    public void Validate_BufferCapacityOutOfRange_FailsNamingKey(int capacity)
    {
        var result = _validator.Validate(null, new PipelineOptions { BufferCapacity = capacity });

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:Pipeline:BufferCapacity", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, 64, "Ipv4AggregatePrefixLength")]
    [InlineData(32, 64, "Ipv4AggregatePrefixLength")]
    [InlineData(24, 31, "Ipv6AggregatePrefixLength")]
    [InlineData(24, 128, "Ipv6AggregatePrefixLength")]
    public void Validate_AggregatePrefixOutOfRange_FailsNamingKey(int ipv4, int ipv6, string key)
    {
        var options = new PipelineOptions { Ipv4AggregatePrefixLength = ipv4, Ipv6AggregatePrefixLength = ipv6 };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:Pipeline:" + key, result.FailureMessage, StringComparison.Ordinal);
    }
}
