using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Tests.Policy;

public sealed class PolicyOptionsValidatorTests
{
    private readonly PolicyOptionsValidator _validator = new(Options.Create(new CounterOptions()));

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(null, new PolicyOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ThresholdZero_NamesKeyAndWhereToSetIt()
    {
        var options = new PolicyOptions();
        options.Detectors.Probing.Threshold = 0;

        var result = _validator.Validate(null, options);

        Assert.Equal(
            ["Kwaf:Policy:Detectors:Probing:Threshold must be at least 1; set it in appsettings.json or "
                + "KWAF__POLICY__DETECTORS__PROBING__THRESHOLD"],
            result.Failures!);
    }

    [Fact]
    public void Validate_NewDetectorWindowBeyondCounters_NamesItsKey()
    {
        var options = new PolicyOptions();
        options.Detectors.LoginAttempts.Window = TimeSpan.FromHours(1);

        var result = _validator.Validate(null, options);

        var failure = Assert.Single(result.Failures!);
        const string Expected = "Kwaf:Policy:Detectors:LoginAttempts:Window must be positive";
        Assert.StartsWith(Expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralFailures_ReportsAllAtOnce()
    {
        var options = new PolicyOptions
        {
            HalfLife = TimeSpan.Zero,
            HighScore = 90,
            BlockDurations = [TimeSpan.FromMinutes(10), TimeSpan.Zero],
            Allowlist = ["192.0.2.0/24", "bogus"],
        };
        options.Detectors.Burst.Window = TimeSpan.FromHours(1);
        options.Detectors.Injection.MaxPoints = 1;

        var result = _validator.Validate(null, options);

        var keys = result.Failures!.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]).ToList();
        Assert.Equal(
            [
                "Kwaf:Policy:HighScore",
                "Kwaf:Policy:HalfLife",
                "Kwaf:Policy:BlockDurations:1",
                "Kwaf:Policy:Allowlist:1",
                "Kwaf:Policy:Detectors:Injection:MaxPoints",
                "Kwaf:Policy:Detectors:Burst:Window",
            ],
            keys);
    }

    [Fact]
    public void EffectiveDurations_NotConfigured_UseDefaultSteps()
    {
        var options = new PolicyOptions();

        var blocks = options.EffectiveBlockDurations;

        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24)], blocks);
        Assert.Equal(
            [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)],
            options.EffectiveThrottleDurations);
    }
}
