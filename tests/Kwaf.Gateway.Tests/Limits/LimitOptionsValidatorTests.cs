using Kwaf.Gateway.Events;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Limits;

namespace Kwaf.Gateway.Tests.Limits;

/// <summary>Every limit setting is range-checked, and the failure names Section:Property and the range.</summary>
public sealed class LimitOptionsValidatorTests
{
    [Theory]
    [InlineData("MaxBodyBytes", 1023, "from 1024 to 268435456")]
    [InlineData("MaxEventsPerBatch", 0, "from 1 to 1000000")]
    [InlineData("MaxLineBytes", 1024 * 1024 + 1, "from 1024 to 1048576")]
    public void Validate_EventsOptionOutOfRange_NamesKeyAndRange(string property, int value, string range)
    {
        var options = new EventsOptions();
        typeof(EventsOptions).GetProperty(property)!.SetValue(options, value);

        var result = new EventsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Kwaf:Events:{property} is {value}; it must be {range}", result.FailureMessage);
    }

    [Theory]
    [InlineData("MaxUserIdLength", 257, "from 1 to 256")]
    [InlineData("MaxPathLength", 8193, "from 256 to 8192")]
    [InlineData("MaxHostLength", 63, "from 64 to 1024")]
    [InlineData("MaxUserAgentLength", 127, "from 128 to 8192")]
    [InlineData("MaxRefererLength", 8193, "from 128 to 8192")]
    [InlineData("MaxForwardedForLength", 63, "from 64 to 8192")]
    public void Validate_IngestionLimitOutOfRange_NamesKeyAndRange(string property, int value, string range)
    {
        var options = new IngestionOptions();
        typeof(IngestionOptions).GetProperty(property)!.SetValue(options, value);

        var result = new IngestionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Kwaf:Ingestion:{property} is {value}; it must be {range}", result.FailureMessage);
    }

    [Theory]
    [InlineData("MaxRequestHeadersTotalSize", 4095, "from 4096 to 1048576")]
    [InlineData("MaxRequestHeaderCount", 1001, "from 16 to 1000")]
    [InlineData("MaxRequestLineSize", 1023, "from 1024 to 65536")]
    public void Validate_HttpLimitOutOfRange_NamesKeyAndRange(string property, int value, string range)
    {
        var options = new HttpLimitsOptions();
        typeof(HttpLimitsOptions).GetProperty(property)!.SetValue(options, value);

        var result = new HttpLimitsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Kwaf:Http:{property} is {value}; it must be {range}", result.FailureMessage);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new EventsOptionsValidator().Validate(null, new EventsOptions()).Succeeded);
        Assert.True(new IngestionOptionsValidator().Validate(null, new IngestionOptions()).Succeeded);
        Assert.True(new HttpLimitsOptionsValidator().Validate(null, new HttpLimitsOptions()).Succeeded);
    }

    [Fact]
    public void Validate_SeveralBadLimits_ReportsEveryOne()
    {
        var options = new IngestionOptions { MaxUserIdLength = 0, MaxHostLength = 0 };

        var result = new IngestionOptionsValidator().Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
    }
}
