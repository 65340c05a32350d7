using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kwaf.Bench.Load;

/// <summary>
/// A server this tool starts on loopback (a kwaf gateway or the bare reference app) and stops by its own process id.
/// Its output goes to a log file in the work folder.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    // Every server still running, killed when this process ends without unwinding (SIGTERM, Ctrl-C).
    private static readonly List<Process> Running = [];

    private readonly Process _process;

    static ServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillRunning();
    }

    private ServerProcess(Process process, Uri url, string name)
    {
        _process = process;
        Url = url;
        Name = name;
    }

    public Uri Url { get; }

    public string Name { get; }

    public int Pid => _process.Id;

    public double CpuSeconds => MachineStats.CpuSeconds(Pid);

    public long ResidentBytes => MachineStats.ResidentBytes(Pid);

    /// <summary>Starts <c>dotnet DLL</c> with <c>--urls</c> on a free port and waits until it answers.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name,
        string dll,
        IEnumerable<string> arguments,
        string workFolder,
        string healthPath,
        CancellationToken cancellationToken)
    {
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        // The app's own folder as working directory, so that it reads its appsettings.json (content root) as it
        // does when deployed; everything it writes goes where its arguments say.
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll)),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        var log = new StreamWriter(Path.Combine(workFolder, name + ".log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, url, name);
        lock (Running)
        {
            Running.Add(process);
        }

        await server.WaitHealthyAsync(healthPath, cancellationToken);
        return server;
    }

    /// <summary>A port that was free a moment ago on 127.0.0.1.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        lock (Running)
        {
            Running.Remove(_process);
        }

        _process.Dispose();
    }

    private static void KillRunning()
    {
        lock (Running)
        {
            foreach (var process in Running)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitHealthyAsync(string healthPath, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting.");
            }

            try
            {
                using var response = await client.GetAsync(healthPath, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but still starting.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{Name} did not answer {healthPath} within 120 s.");
    }
}
