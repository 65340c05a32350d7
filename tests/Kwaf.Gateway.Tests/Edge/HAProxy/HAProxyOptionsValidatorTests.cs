using Kwaf.Gateway.Edge.HAProxy;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

public sealed class HAProxyOptionsValidatorTests
{
    private readonly HAProxyOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_SucceedAndFeatureIsOff()
    {
        var options = new HAProxyOptions();

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(options.Enabled);
    }

    [Theory]
    [InlineData("unix:/run/haproxy/admin.sock")]
    [InlineData("127.0.0.1:9999")]
    [InlineData("127.1.2.3:9999")]
    [InlineData("[::1]:9999")]
    public void Validate_UnixOrLoopbackEndpoint_Succeeds(string endpoint)
    {
        var result = _validator.Validate(null, Enabled(endpoint));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("10.0.0.5:9999", "not 10.0.0.5")]
    [InlineData("0.0.0.0:9999", "not 0.0.0.0")]
    [InlineData("[2001:db8::1]:9999", "not 2001:db8::1")]
    [InlineData("127.0.0.1", "with a port")]
    [InlineData("haproxy:9999", "with a port")]
    [InlineData("unix:", "socket path")]
    public void Validate_NonLoopbackOrMalformedEndpoint_FailsNamingTheKey(string endpoint, string expected)
    {
        var result = _validator.Validate(null, Enabled(endpoint));

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:HAProxy:RuntimeApi:0 ", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EnabledWithoutMaps_FailsNamingBothKeys()
    {
        var options = new HAProxyOptions { RuntimeApi = ["unix:/tmp/admin.sock"] };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Kwaf:HAProxy:IpMap must", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Kwaf:HAProxy:UserMap must", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SameMapForAddressesAndUsers_Fails()
    {
        var options = Enabled("unix:/tmp/admin.sock");
        options.UserMap = options.IpMap;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(
            "Kwaf:HAProxy:UserMap must differ from IpMap",
            result.FailureMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MapNameWithSpace_Fails()
    {
        var options = Enabled("unix:/tmp/admin.sock");
        options.IpMap = "/etc/haproxy/kwaf ips.map";

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(
            "Kwaf:HAProxy:IpMap must not contain whitespace",
            result.FailureMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OnlyOneTableEmpty_FailsNamingBothKeys()
    {
        var options = Enabled("unix:/tmp/admin.sock");
        options.ThrottleTable = string.Empty;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(
            "Kwaf:HAProxy:BlockTable and Kwaf:HAProxy:ThrottleTable must be both set or both empty",
            result.FailureMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BothTablesEmpty_SucceedsWithTablesOff()
    {
        var options = Enabled("unix:/tmp/admin.sock");
        options.BlockTable = string.Empty;
        options.ThrottleTable = string.Empty;

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(options.UsesTables);
    }

    [Fact]
    public void Validate_SameTableForBlocksAndThrottles_Fails()
    {
        var options = Enabled("unix:/tmp/admin.sock");
        options.ThrottleTable = options.BlockTable;

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(
            "Kwaf:HAProxy:ThrottleTable must differ from BlockTable",
            result.FailureMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IntervalsOutOfRange_ReportsEveryFailure()
    {
        var options = new HAProxyOptions
        {
            ResyncCheckInterval = TimeSpan.FromMilliseconds(10),
            ConnectTimeout = TimeSpan.Zero,
            CommandTimeout = TimeSpan.FromHours(1),
            FailureLogInterval = TimeSpan.Zero,
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(
            "Kwaf:HAProxy:ResyncCheckInterval must be between",
            result.FailureMessage,
            StringComparison.Ordinal);
    }

    private static HAProxyOptions Enabled(string endpoint) => new()
    {
        RuntimeApi = [endpoint],
        IpMap = "/var/lib/haproxy/kwaf-ips.map",
        UserMap = "/var/lib/haproxy/kwaf-users.map",
    };
}
