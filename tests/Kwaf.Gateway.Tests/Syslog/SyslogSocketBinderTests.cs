using System.Net;
using System.Net.Sockets;
using Kwaf.Gateway.Hosting;
using Kwaf.Gateway.Syslog;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Tests.Syslog;

public sealed class SyslogSocketBinderTests
{
    [Fact]
    public void Bind_TakenUdpPort_FailsAsAConfigurationErrorNamingTheKey()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        var error = Assert.Throws<OptionsValidationException>(
            () => SyslogSocketBinder.Bind(new SyslogOptions { UdpPort = port }, ProtocolType.Udp));

        Assert.True(StartupFailure.IsConfigurationError(error));
        Assert.Contains($"Kwaf:Syslog:UdpPort {port} (UDP) is already in use", StartupFailure.Describe(error));
    }

    [Fact]
    public void Bind_TakenTcpPort_FailsAsAConfigurationErrorNamingTheKey()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;

        var error = Assert.Throws<OptionsValidationException>(
            () => SyslogSocketBinder.Bind(new SyslogOptions { TcpPort = port }, ProtocolType.Tcp));

        Assert.Contains($"Kwaf:Syslog:TcpPort {port} (TCP) is already in use", StartupFailure.Describe(error));
    }

    [Fact]
    public void Bind_AddressNotOfThisHost_FailsNamingTheAddressKey()
    {
        var error = Assert.Throws<OptionsValidationException>(
            () => SyslogSocketBinder.Bind(new SyslogOptions { Address = "192.0.2.1", UdpPort = 0 }, ProtocolType.Udp));

        Assert.Contains("Kwaf:Syslog:Address 192.0.2.1", StartupFailure.Describe(error));
    }
}
