using Kwaf.Gateway.Decisions.Cache;

namespace Kwaf.Gateway.Tests.Decisions.Cache;

public sealed class DecisionCacheOptionsValidatorTests
{
    private readonly DecisionCacheOptionsValidator _validator = new();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Validate_ProxyCacheLifetimeOfWholeSecondsWithinBound_Succeeds(int seconds)
    {
        var options = new DecisionCacheOptions { ProxyCacheLifetime = TimeSpan.FromSeconds(seconds) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(-1_000)]
    [InlineData(500)]
    [InlineData(3_000)]
    [InlineData(14_400_000)]
    public void Validate_ProxyCacheLifetimeBeyondBoundOrFractional_FailsNamingKey(int milliseconds)
    {
        var options = new DecisionCacheOptions { ProxyCacheLifetime = TimeSpan.FromMilliseconds(milliseconds) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:Decisions:ProxyCacheLifetime", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PollIntervalAboveOneSecond_FailsNamingKey()
    {
        var options = new DecisionCacheOptions { PollInterval = TimeSpan.FromSeconds(2) };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:Decisions:PollInterval", result.FailureMessage, StringComparison.Ordinal);
    }
}
