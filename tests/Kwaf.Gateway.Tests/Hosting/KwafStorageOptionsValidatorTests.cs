using Kwaf.Grains.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class KwafStorageOptionsValidatorTests
{
    private readonly KwafStorageOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new KwafStorageOptions();

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EmptyDataPath_FailsNamingKey()
    {
        var options = new KwafStorageOptions { DataPath = " " };

        var result = _validator.Validate(null, options);

        Assert.Contains("Kwaf:Storage:DataPath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeBusyTimeout_FailsNamingKey()
    {
        var options = new KwafStorageOptions { BusyTimeout = TimeSpan.FromSeconds(-1) };

        var result = _validator.Validate(null, options);

        Assert.Contains("Kwaf:Storage:BusyTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedProvider_FailsNamingKey()
    {
        var options = new KwafStorageOptions { Provider = (KwafStorageProvider)42 };

        var result = _validator.Validate(null, options);

        Assert.Contains("Kwaf:Storage:Provider", result.FailureMessage, StringComparison.Ordinal);
    }
}
