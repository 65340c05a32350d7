using System.Net;
using System.Net.Sockets;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

/// <summary>A raw TCP client that plays HAProxy's side of SPOP with hand-built frames; every read is bounded.</summary>
internal sealed class SpopTestClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;

    private SpopTestClient(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>Bytes received and not read yet.</summary>
    public int Available => _socket.Available;

    public static async Task<SpopTestClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)).WaitAsync(ReadTimeout);
        return new SpopTestClient(socket);
    }

    /// <summary>Sends the frames in one write, as a pipelining HAProxy does.</summary>
    public async Task SendAsync(params byte[][] frames)
    {
        var all = frames.SelectMany(static frame => frame).ToArray();
        await _socket.SendAsync(all, SocketFlags.None).WaitAsync(ReadTimeout);
    }

    /// <summary>The next frame, without its length prefix.</summary>
    public async Task<byte[]> ReceiveFrameAsync()
    {
        var prefix = await ReceiveExactlyAsync(4);
        return await ReceiveExactlyAsync((int)TestFrames.LengthOf(prefix));
    }

    /// <summary>Whether the agent closed the connection (a read returns no bytes or the connection resets).</summary>
    public async Task<bool> ClosedAsync()
    {
        try
        {
            var buffer = new byte[1];
            return await _socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(ReadTimeout) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<byte[]> ReceiveExactlyAsync(int count)
    {
        var buffer = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            var received = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None)
                .AsTask()
                .WaitAsync(ReadTimeout);
            Assert.True(received > 0, $"the agent closed the connection after {filled} of {count} bytes");
            filled += received;
        }

        return buffer;
    }
}
