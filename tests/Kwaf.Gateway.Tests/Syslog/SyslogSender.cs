using System.Net;
using System.Net.Sockets;
using System.Text;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Syslog;

/// <summary>Sends syslog datagrams and TCP streams to a loopback listener, each send bounded in time.</summary>
internal static class SyslogSender
{
    /// <summary>Sends each message as one datagram, from <paramref name="from"/> (default 127.0.0.1).</summary>
    public static async Task SendUdpAsync(int port, IEnumerable<string> messages, IPAddress? from = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(from ?? IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, port);
        foreach (var message in messages)
        {
            await socket.SendToAsync(Encoding.UTF8.GetBytes(message), SocketFlags.None, target)
                .WaitAsync(KwafApiFactory.CallTimeout);
        }
    }

    /// <summary>Writes the chunks on one connection (each chunk a separate send), then closes it.</summary>
    public static async Task SendTcpAsync(int port, IEnumerable<byte[]> chunks, IPAddress? from = null)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
        };
        socket.Bind(new IPEndPoint(from ?? IPAddress.Loopback, 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(KwafApiFactory.CallTimeout);
        foreach (var chunk in chunks)
        {
            await socket.SendAsync(chunk, SocketFlags.None).WaitAsync(KwafApiFactory.CallTimeout);
        }

        socket.Shutdown(SocketShutdown.Send);

        // Wait for the server to close its side, so that every frame has been read when this returns.
        var buffer = new byte[16];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(KwafApiFactory.CallTimeout) > 0)
        {
        }
    }

    /// <summary>An RFC 6587 octet-counted frame.</summary>
    public static byte[] OctetCounted(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        return [.. Encoding.ASCII.GetBytes($"{bytes.Length} "), .. bytes];
    }

    /// <summary>An RFC 3164 message as nginx sends it.</summary>
    public static string Nginx(string body) => "<190>Mar 10 12:00:00 web-1 nginx: " + body;
}
