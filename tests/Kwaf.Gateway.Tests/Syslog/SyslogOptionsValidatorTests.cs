using Kwaf.Gateway.Syslog;

namespace Kwaf.Gateway.Tests.Syslog;

public sealed class SyslogOptionsValidatorTests
{
    private readonly SyslogOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = _validator.Validate(null, new SyslogOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_Defaults_AllowLoopbackOnly()
    {
        var options = new SyslogOptions();

        Assert.Equal(["127.0.0.0/8", "::1"], options.EffectiveAllowedSources);
    }

    [Theory]
    [InlineData("Address", "Kwaf:Syslog:Address must be an IPv4 or IPv6 address")]
    [InlineData("UdpPort", "Kwaf:Syslog:UdpPort must be between 0 (off) and 65535")]
    [InlineData("TcpPort", "Kwaf:Syslog:TcpPort must be between 0 (off) and 65535")]
    [InlineData("AllowedSources", "Kwaf:Syslog:AllowedSources:1 must be an address or a CIDR range")]
    [InlineData("MaxMessageBytes", "Kwaf:Syslog:MaxMessageBytes must be between 480 and 1048576")]
    [InlineData("MaxTcpConnections", "Kwaf:Syslog:MaxTcpConnections must be between 1 and 10000")]
    public void Validate_BadValue_FailsNamingTheKey(string key, string expected)
    {
        var options = new SyslogOptions();
        switch (key)
        {
            case "Address": options.Address = "localhost"; break;
            case "UdpPort": options.UdpPort = 65_536; break;
            case "TcpPort": options.TcpPort = -1; break;
            case "AllowedSources": options.AllowedSources = ["10.0.0.0/8", "10.0.0.0/33"]; break;
            case "MaxMessageBytes": options.MaxMessageBytes = 100; break;
            default: options.MaxTcpConnections = 0; break;
        }

        var result = _validator.Validate(null, options);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsThemAll()
    {
        var options = new SyslogOptions { UdpPort = -5, TcpPort = 70_000, MaxTcpConnections = 0 };

        var result = _validator.Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
    }
}
