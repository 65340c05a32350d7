using Kwaf.Grains.Counters;
using Kwaf.Grains.Policy;
using Kwaf.Grains.Subjects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Tests;

public sealed class KwafGrainServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddKwafGrainServices();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddKwafGrainServices_ConfiguredValues_AreBoundWithoutKeepingDefaults()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Kwaf:Policy:BlockDurations:0"] = "00:01:00",
            ["Kwaf:Policy:Detectors:Probing:Threshold"] = "5",
            ["Kwaf:Counters:BucketWidth"] = "00:00:05",
            ["Kwaf:Persistence:WriteInterval"] = "00:00:30",
        });

        var policy = provider.GetRequiredService<IOptions<PolicyOptions>>().Value;

        Assert.Equal([TimeSpan.FromMinutes(1)], policy.EffectiveBlockDurations);
        Assert.Equal(5, policy.Detectors.Probing.Threshold);
        var counters = provider.GetRequiredService<IOptions<CounterOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(5), counters.BucketWidth);
        Assert.Equal(
            TimeSpan.FromSeconds(30),
            provider.GetRequiredService<IOptions<PersistenceOptions>>().Value.WriteInterval);
    }

    [Fact]
    public void AddKwafGrainServices_BadPolicy_FailsNamingEveryKey()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Kwaf:Policy:Detectors:Probing:Threshold"] = "0",
            ["Kwaf:Policy:Allowlist:0"] = "not-an-address",
        });

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<PolicyOptions>>().Value);

        const string Threshold = "Kwaf:Policy:Detectors:Probing:Threshold must be at least 1";
        Assert.Contains(Threshold, error.Message, StringComparison.Ordinal);
        Assert.Contains("Kwaf:Policy:Allowlist:0 must be an IP address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKwafGrainServices_BadWriteInterval_FailsNamingKey()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Kwaf:Persistence:WriteInterval"] = "00:00:00" });

        var error = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<PersistenceOptions>>().Value);

        Assert.Contains("Kwaf:Persistence:WriteInterval", error.Message, StringComparison.Ordinal);
    }
}
