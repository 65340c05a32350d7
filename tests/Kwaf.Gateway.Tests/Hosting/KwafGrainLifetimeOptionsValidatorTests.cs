using Kwaf.Grains.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class KwafGrainLifetimeOptionsValidatorTests
{
    private readonly KwafGrainLifetimeOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new KwafGrainLifetimeOptions();

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(0)]
    public void Validate_AgeNotLongerThanQuantum_FailsNamingKey(int seconds)
    {
        var options = new KwafGrainLifetimeOptions { IdleDeactivation = TimeSpan.FromSeconds(seconds) };

        var result = _validator.Validate(null, options);

        Assert.Contains("Kwaf:Grains:IdleDeactivation", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    [InlineData(50_000_001)]
    public void Validate_MaxActiveSubjectsOutOfRange_FailsNamingKey(int cap)
    {
        var options = new KwafGrainLifetimeOptions { MaxActiveSubjects = cap };

        var result = _validator.Validate(null, options);

        Assert.Contains("Kwaf:Grains:MaxActiveSubjects", result.FailureMessage, StringComparison.Ordinal);
    }
}
