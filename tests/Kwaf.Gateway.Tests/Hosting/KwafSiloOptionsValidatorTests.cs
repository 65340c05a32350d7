using Kwaf.Grains.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class KwafSiloOptionsValidatorTests
{
    private readonly KwafSiloOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new KwafSiloOptions();

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(0, 30000, "Kwaf:Silo:SiloPort")]
    [InlineData(65536, 30000, "Kwaf:Silo:SiloPort")]
    [InlineData(11111, -1, "Kwaf:Silo:GatewayPort")]
    [InlineData(11111, 11111, "Kwaf:Silo:GatewayPort")]
    public void Validate_BadPort_FailsNamingKey(int siloPort, int gatewayPort, string key)
    {
        var options = new KwafSiloOptions { SiloPort = siloPort, GatewayPort = gatewayPort };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnparsableAdvertisedIp_FailsNamingKey()
    {
        var options = new KwafSiloOptions { AdvertisedIp = "localhost" };

        var result = _validator.Validate(null, options);

        Assert.Contains("Kwaf:Silo:AdvertisedIp", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEveryKey()
    {
        var options = new KwafSiloOptions { SiloPort = 0, GatewayPort = 70000, AdvertisedIp = "" };

        var result = _validator.Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
    }
}
