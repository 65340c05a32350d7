using System.Net;
using System.Net.Sockets;

namespace Kwaf.Gateway.Tests.Edge;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (127.0.0.2 and up: all of 127.0.0.0/8 is local), so that
/// each simulated client has its own IP in front of a proxy and one client's ban never hits another.
/// </summary>
internal static class LoopbackClient
{
    /// <summary>A client whose connections leave from 127.0.0.<paramref name="lastOctet"/>.</summary>
    public static HttpClient Create(int lastOctet, Uri baseAddress, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastOctet, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastOctet, 254);
        var local = new IPAddress([127, 0, 0, (byte)lastOctet]);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                {
                    NoDelay = true,
                };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
    }

    /// <summary>The address a client made by <see cref="Create"/> connects from.</summary>
    public static string Address(int lastOctet) => $"127.0.0.{lastOctet}";
}
