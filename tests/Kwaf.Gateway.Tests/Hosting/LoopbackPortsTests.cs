using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Hosting;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void FindFree_TwoCalls_NoPortHandedOutTwice()
    {
        var first = LoopbackPorts.FindFree(5);
        var second = LoopbackPorts.FindFree(5);

        Assert.Equal(10, first.Concat(second).Distinct().Count());
    }

    [Fact]
    public void FindFree_PortsBelowTheEphemeralRange_SoNoOutgoingConnectionTakesOne()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
            .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var (ephemeralStart, ephemeralEnd) = (
            int.Parse(range[0], CultureInfo.InvariantCulture),
            int.Parse(range[1], CultureInfo.InvariantCulture));

        var ports = LoopbackPorts.FindFree(20);

        Assert.All(ports, port => Assert.True(
            port < ephemeralStart || port > ephemeralEnd,
            $"{port} is in the ephemeral range {ephemeralStart}-{ephemeralEnd}"));
    }

    [Fact]
    public void FindFree_PortsCanBeBoundForTcpAndUdp()
    {
        foreach (var port in LoopbackPorts.FindFree(3))
        {
            using var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            Assert.Equal(port, ((IPEndPoint)udp.Client.LocalEndPoint!).Port);
        }
    }
}
