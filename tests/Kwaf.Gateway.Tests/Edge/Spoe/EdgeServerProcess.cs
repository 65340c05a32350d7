using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kwaf.Gateway.Tests.Edge.Spoe;

/// <summary>
/// A server the edge tests start (HAProxy, the demo API) as a private child process; its last output lines are kept
/// for failure messages, and it is killed on dispose.
/// </summary>
internal sealed class EdgeServerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private EdgeServerProcess(Process process)
    {
        _process = process;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string RecentOutput => string.Join('\n', _lines);

    public static EdgeServerProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var server = new EdgeServerProcess(process);
        process.OutputDataReceived += server.Keep;
        process.ErrorDataReceived += server.Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private void Keep(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        _lines.Enqueue(e.Data);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }
    }
}
