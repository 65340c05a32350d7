using Kwaf.Grains.Hosting;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class KwafClusterOptionsValidatorTests
{
    private readonly KwafClusterOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new KwafClusterOptions();

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("", "kwaf", "Kwaf:Cluster:ClusterId")]
    [InlineData("kwaf", " ", "Kwaf:Cluster:ServiceId")]
    public void Validate_EmptyId_FailsNamingKey(string clusterId, string serviceId, string key)
    {
        var options = new KwafClusterOptions { ClusterId = clusterId, ServiceId = serviceId };

        var result = _validator.Validate(null, options);

        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }
}
