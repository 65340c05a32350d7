using Kwaf.Gateway.ClientIp;

namespace Kwaf.Gateway.Tests.ClientIp;

public sealed class ClientIpOptionsValidatorTests
{
    private readonly ClientIpOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_SucceedWithNoProxyAndXForwardedFor()
    {
        var options = new ClientIpOptions();

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Empty(options.TrustedProxies);
        Assert.Equal("X-Forwarded-For", options.ForwardedHeader);
    }

    [Theory]
    [InlineData("x-forwarded-for")]
    [InlineData("Forwarded")]
    [InlineData("X-REAL-IP")]
    public void Validate_KnownHeaderInAnyCase_Succeeds(string header)
    {
        var options = new ClientIpOptions
        {
            TrustedProxies = ["192.0.2.10", "2001:db8::/32"],
            ForwardedHeader = header,
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("192.0.2.0/33", "Kwaf:ClientIp:TrustedProxies:1 ('192.0.2.0/33') must be an address or a CIDR range")]
    [InlineData("proxy.example.com", "Kwaf:ClientIp:TrustedProxies:1 ('proxy.example.com') must be an address")]
    [InlineData("0.0.0.0/0", "Kwaf:ClientIp:TrustedProxies:1 ('0.0.0.0/0') must not cover every address")]
    [InlineData("::/0", "Kwaf:ClientIp:TrustedProxies:1 ('::/0') must not cover every address")]
    public void Validate_BadTrustedProxy_FailsNamingIndexAndValue(string entry, string expected)
    {
        var options = new ClientIpOptions { TrustedProxies = ["192.0.2.10", entry] };

        var result = _validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("X-Forwarded-Host")]
    [InlineData("CF-Connecting-IP")]
    public void Validate_UnknownHeader_FailsNamingTheKeyAndTheChoices(string header)
    {
        var options = new ClientIpOptions { ForwardedHeader = header };

        var result = _validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains(
            "Kwaf:ClientIp:ForwardedHeader must be one of X-Forwarded-For, Forwarded or X-Real-IP",
            result.FailureMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsThemAll()
    {
        var options = new ClientIpOptions { TrustedProxies = ["x", "0.0.0.0/0"], ForwardedHeader = "Via" };

        var result = _validator.Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
    }
}
