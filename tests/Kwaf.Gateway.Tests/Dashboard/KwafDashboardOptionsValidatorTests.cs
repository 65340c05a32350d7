using System.Globalization;
using Kwaf.Grains.Hosting;

namespace Kwaf.Gateway.Tests.Dashboard;

/// <summary>
/// The validator of <c>Kwaf:Dashboard</c> (grains/Hosting); tested here beside the endpoints that use its prefix.
/// </summary>
public sealed class KwafDashboardOptionsValidatorTests
{
    private readonly KwafDashboardOptionsValidator _validator = new();

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/ops/orleans")]
    [InlineData("/kwaf-ops_1.0")]
    public void Validate_WellFormedRoutePrefix_Succeeds(string prefix)
    {
        var options = new KwafDashboardOptions { RoutePrefix = prefix };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("dashboard")]
    [InlineData("/dashboard/")]
    [InlineData("//dashboard")]
    [InlineData("/dash board")]
    [InlineData("/{name}")]
    [InlineData("/dash?x=1")]
    public void Validate_MalformedRoutePrefix_FailsNamingTheKey(string prefix)
    {
        var options = new KwafDashboardOptions { RoutePrefix = prefix };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed, $"prefix '{prefix}' was accepted");
        Assert.Contains("Kwaf:Dashboard:RoutePrefix", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.500")]
    [InlineData("00:01:00.001")]
    [InlineData("00:00:01.0000001")]
    public void Validate_CounterIntervalOutOfRange_FailsNamingTheKey(string interval)
    {
        var options = new KwafDashboardOptions
        {
            CounterUpdateInterval = TimeSpan.Parse(interval, CultureInfo.InvariantCulture),
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed, $"interval {interval} was accepted");
        Assert.Contains("Kwaf:Dashboard:CounterUpdateInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TwoBadValues_ReportsBoth()
    {
        var options = new KwafDashboardOptions { RoutePrefix = "/", CounterUpdateInterval = TimeSpan.Zero };

        var result = _validator.Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
    }
}
