using System.Buffers;
using System.Net.Sockets;

namespace Kwaf.Gateway.Edge.Spoe;

/// <summary>
/// One TCP connection from HAProxy: the HELLO handshake, then NOTIFY frames answered with ACKs until either side
/// disconnects. A health-check hello is answered, then the connection closes.
/// </summary>
/// <remarks>
/// Pipelining: HAProxy may send many NOTIFY frames without waiting. Each is answered from the in-memory decision
/// cache, a lookup that never waits, so frames are answered synchronously in the order they arrive (SPOP allows any
/// order; arrival order is one of them), and all ACKs for the frames of one read leave in one write. Only the task
/// running <see cref="RunAsync"/> reads or writes the socket, so no lock guards it. Buffers come from the shared
/// array pool: one for input (a whole frame of the largest allowed size), one for output.
/// </remarks>
internal sealed partial class SpoeConnection
{
    private const int OutputLength = 16 * 1024;

    private static readonly TimeSpan FarewellTimeout = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly SpoeConnectionContext _context;
    private readonly long _id;

    // Before the hello: the agent's own limit; after: the smaller of it and HAProxy's.
    private uint _maxFrameSize;
    private bool _greeted;

    public SpoeConnection(Socket socket, SpoeConnectionContext context, long id)
    {
        _socket = socket;
        _context = context;
        _id = id;
        _maxFrameSize = (uint)context.Options.MaxFrameSize;
    }

    /// <summary>Serves the connection until it ends; never throws.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _context.Counters.ConnectionOpened();
        var input = ArrayPool<byte>.Shared.Rent(SpopFrames.LengthPrefix + _context.Options.MaxFrameSize);
        var output = ArrayPool<byte>.Shared.Rent(OutputLength);
        try
        {
            await ServeAsync(input, output, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FarewellAsync(output, SpopStatus.Normal, "the kwaf gateway is stopping");
        }
        catch (OperationCanceledException)
        {
            _context.Counters.Error(SpopStatus.Timeout);
            Log.IdleTimeout(_context.Logger, _id, _context.Options.IdleTimeout);
            await FarewellAsync(output, SpopStatus.Timeout, "idle timeout");
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Log.ConnectionLost(_context.Logger, ex, _id);
        }
        catch (Exception ex)
        {
            // A defect in the agent: the connection ends, HAProxy applies its on-error rule, the agent goes on.
            _context.Counters.Error(SpopStatus.Unknown);
            Log.ConnectionFailed(_context.Logger, ex, _id);
            await FarewellAsync(output, SpopStatus.Unknown, "internal agent error");
        }
        finally
        {
            _socket.Dispose();
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
            _context.Counters.ConnectionClosed();
        }
    }

    /// <summary>Tells HAProxy that no more connections are served now, then closes; never throws.</summary>
    public async Task RejectAsync()
    {
        _context.Counters.ConnectionRejected();
        _context.Counters.Error(SpopStatus.ResourceAllocation);
        var output = ArrayPool<byte>.Shared.Rent(SpopFrames.MaxReplyLength);
        try
        {
            await FarewellAsync(output, SpopStatus.ResourceAllocation, "too many connections");
        }
        finally
        {
            _socket.Dispose();
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private async Task ServeAsync(byte[] input, byte[] output, CancellationToken stoppingToken)
    {
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _context.Time);
        using var stopping = stoppingToken.UnsafeRegister(
            static state => ((CancellationTokenSource)state!).Cancel(),
            idle);
        var filled = 0;
        while (true)
        {
            idle.CancelAfter(_context.Options.IdleTimeout);
            var received = await _socket.ReceiveAsync(input.AsMemory(filled), SocketFlags.None, idle.Token);
            if (received == 0)
            {
                Log.PeerClosed(_context.Logger, _id);
                return;
            }

            filled += received;
            var start = 0;
            Step step;
            do
            {
                step = Process(input.AsSpan(start, filled - start), output);
                start += step.Consumed;
                await SendAsync(output.AsMemory(0, step.Written), stoppingToken);
                if (step.Close)
                {
                    return;
                }
            }
            while (step.OutputFull);

            // The tail of a frame not yet complete moves to the front; the buffer holds any whole frame.
            input.AsSpan(start, filled - start).CopyTo(input);
            filled -= start;
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    /// <summary>Sends a last AGENT-DISCONNECT, bounded in time; a peer already gone is not an error here.</summary>
    private async Task FarewellAsync(byte[] output, SpopStatus status, string message)
    {
        var length = SpopFrames.WriteAgentDisconnect(output, status, message);
        using var timeout = new CancellationTokenSource(FarewellTimeout, _context.Time);
        try
        {
            await SendAsync(output.AsMemory(0, length), timeout.Token);
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.FarewellLost(_context.Logger, _id);
        }
    }

    /// <summary>How far one pass over the input got.</summary>
    /// <param name="Consumed">Input bytes of whole frames handled.</param>
    /// <param name="Written">Output bytes to send.</param>
    /// <param name="Close">The connection ends once the output is sent.</param>
    /// <param name="OutputFull">The pass stopped for room in the output, not for input.</param>
    private readonly record struct Step(int Consumed, int Written, bool Close, bool OutputFull);
}
