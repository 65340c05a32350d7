using System.Net.Sockets;
using System.Text;

namespace Kwaf.Gateway.Edge.HAProxy;

/// <summary>
/// One connection to HAProxy's Runtime API in interactive ("prompt") mode, so that many commands travel on one
/// connection and each gets its own answer. HAProxy ends every answer with an empty line and then writes the prompt
/// "&gt; ", so the answers are the text between consecutive "\n&gt; " marks; while a payload is read it writes "+ "
/// marks, which are dropped. Commands are pipelined: all are written while the answers are read, so a batch costs
/// one round trip whatever its size.
/// </summary>
internal sealed class RuntimeApiSession : IAsyncDisposable
{
    private static readonly byte[] PromptMark = "\n> "u8.ToArray();
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private byte[] _buffer = new byte[16 * 1024];
    private int _filled;

    private RuntimeApiSession(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>Connects within <paramref name="connectTimeout"/> and switches the connection to prompt mode.</summary>
    public static async Task<RuntimeApiSession> OpenAsync(
        RuntimeApiEndpoint endpoint,
        TimeSpan connectTimeout,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var socket = endpoint.CreateSocket();
        try
        {
            using var timeout = new CancellationTokenSource(connectTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await socket.ConnectAsync(endpoint.Address, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException(
                $"Connecting to the HAProxy Runtime API at {endpoint} took over {connectTimeout}.",
                ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var session = new RuntimeApiSession(socket);
        try
        {
            await session.ExecuteAsync(["prompt"], cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends the commands in one write and returns their answers in order, without the last newline.</summary>
    public async Task<IReadOnlyList<string>> ExecuteAsync(
        IReadOnlyList<string> commands,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var text = new StringBuilder();
        foreach (var command in commands)
        {
            text.Append(command).Append('\n');
        }

        // Read while writing: HAProxy stops reading commands when its answers are not read, and a large batch would
        // otherwise fill both directions of the socket.
        var writing = _stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).AsTask();
        var reading = ReadAnswersAsync(commands.Count, cancellationToken);
        await Task.WhenAll(writing, reading).ConfigureAwait(false);
        return await reading.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private async Task<IReadOnlyList<string>> ReadAnswersAsync(int count, CancellationToken cancellationToken)
    {
        var answers = new List<string>(count);
        while (answers.Count < count)
        {
            var mark = _buffer.AsSpan(0, _filled).IndexOf(PromptMark);
            if (mark >= 0)
            {
                answers.Add(Clean(Encoding.UTF8.GetString(_buffer, 0, mark)));
                var rest = mark + PromptMark.Length;
                Buffer.BlockCopy(_buffer, rest, _buffer, 0, _filled - rest);
                _filled -= rest;
                continue;
            }

            if (_filled == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await _stream.ReadAsync(_buffer.AsMemory(_filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new RuntimeApiException(
                    $"HAProxy closed the Runtime API connection after {answers.Count} of {count} answers.");
            }

            _filled += read;
        }

        return answers;
    }

    private static string Clean(string answer)
    {
        var start = 0;
        while (answer.AsSpan(start).StartsWith("+ ", StringComparison.Ordinal))
        {
            start += 2;
        }

        return answer[start..].TrimEnd('\n');
    }
}
