using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Binds the listener sockets, turning a taken port or an address this host does not have into a configuration
/// error that names the key, so that the gateway stops with a plain message and exit status 2 (see
/// <c>StartupFailure</c>) instead of serving without its syslog feed.
/// </summary>
internal static class SyslogSocketBinder
{
    /// <summary>
    /// Kernel receive buffer asked for the UDP socket: 4 MiB, about 8,000 typical access-log datagrams.
    /// </summary>
    private const int UdpReceiveBufferBytes = 4 * 1024 * 1024;

    public static Socket Bind(SyslogOptions options, ProtocolType protocol)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = IPAddress.Parse(options.Address);
        var udp = protocol == ProtocolType.Udp;
        var port = udp ? options.UdpPort : options.TcpPort;
        var key = udp ? nameof(SyslogOptions.UdpPort) : nameof(SyslogOptions.TcpPort);
        var socket = new Socket(address.AddressFamily, udp ? SocketType.Dgram : SocketType.Stream, protocol);
        try
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            // Exclusive: a second listener on the same port must fail here rather than share the datagrams.
            socket.ExclusiveAddressUse = true;
            if (udp)
            {
                // Bursts queue in the kernel while the loop parses; the kernel caps this at net.core.rmem_max, and
                // datagrams beyond it are lost before kwaf sees them (counted only in the kernel's RcvbufErrors).
                socket.ReceiveBufferSize = UdpReceiveBufferBytes;
            }

            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            var what = ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"{SyslogOptions.SectionName}:{key} {port} ({(udp ? "UDP" : "TCP")}) is already in use on "
                    + $"{options.Address}; choose a free port with --{SyslogOptions.SectionName}:{key}=PORT or "
                    + $"Kwaf__Syslog__{key}"
                : $"{SyslogOptions.SectionName}:Address {options.Address} port {port} cannot be bound ({ex.Message}); "
                    + $"use an address of this host with --{SyslogOptions.SectionName}:Address=ADDRESS";
            throw new OptionsValidationException(SyslogOptions.SectionName, typeof(SyslogOptions), [what + "."]);
        }
    }
}
