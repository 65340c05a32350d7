using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Edge;

/// <summary>
/// A server process of an edge test (the demo API, a proxy) run in the foreground as a child of the test: its output
/// is kept (the last lines, for failure messages), it is ready once its port accepts TCP connections, and it is
/// stopped with SIGTERM (then killed with its children) on dispose.
/// </summary>
internal sealed class EdgeStackProcess : IAsyncDisposable
{
    private const int KeptLines = 50;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly string _name;
    private readonly Queue<string> _output = new();

    private EdgeStackProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> and waits until 127.0.0.1:<paramref name="port"/> accepts.</summary>
    public static async Task<EdgeStackProcess> StartAsync(
        string name,
        string fileName,
        IReadOnlyList<string> arguments,
        int port)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var started = new EdgeStackProcess(process, name);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.WaitListeningAsync(port);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets nginx and HAProxy take their workers down with them.
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(StopTimeout);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(StopTimeout);
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    private Task WaitListeningAsync(int port) => ApiCalls.EventuallyAsync(
        async () =>
        {
            Assert.False(_process.HasExited, $"{_name} exited while starting: {Output}");
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        },
        StartTimeout,
        new StringBuilder(_name).Append(" listening on ").Append(port).ToString());
}
