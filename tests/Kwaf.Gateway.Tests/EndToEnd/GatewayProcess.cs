using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.EndToEnd;

/// <summary>
/// The built gateway (gateway/bin/CONFIG/net10.0/Kwaf.Gateway.dll) run as a separate process on loopback ports of
/// its own, with its SQLite store in a given folder and the real clock. Killed on dispose if still running.
/// </summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const int OutputLinesKept = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lastOutput = new();

    private GatewayProcess(Process process, Uri address)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        Client = new HttpClient { BaseAddress = address, Timeout = KwafApiFactory.CallTimeout };
    }

    public HttpClient Client { get; }

    /// <summary>The HTTP port the gateway listens on.</summary>
    public int Port => Client.BaseAddress!.Port;

    /// <summary>The process id, for signals other than the ones this class sends (e.g. SIGSTOP to hang it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the gateway and waits until /health/ready answers 200; on <paramref name="httpPort"/> when given (a
    /// restart that proxies must find again), else on a free port.
    /// </summary>
    public static async Task<GatewayProcess> StartAsync(
        string dataPath,
        IReadOnlyDictionary<string, string> settings,
        int? httpPort = null)
    {
        var ports = LoopbackPorts.FindFree(3);
        var port = httpPort ?? ports[0];
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = StartInfo(dataPath, settings, address, ports);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");

        // Output is drained so that a full pipe never blocks the gateway; its last lines explain a failed start.
        var gateway = new GatewayProcess(process, address);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitReadyAsync();
        return gateway;
    }

    /// <summary>
    /// Runs the gateway with <paramref name="settings"/> that must stop it at start; returns its exit code and what
    /// it wrote to standard error.
    /// </summary>
    public static async Task<(int ExitCode, string Error)> RunToExitAsync(
        string dataPath,
        IReadOnlyDictionary<string, string> settings)
    {
        var ports = LoopbackPorts.FindFree(3);
        var address = new Uri($"http://127.0.0.1:{ports[0].ToString(CultureInfo.InvariantCulture)}");
        using var process = Process.Start(StartInfo(dataPath, settings, address, ports))
            ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(StartTimeout);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await output;
        return (process.ExitCode, await error);
    }

    /// <summary>Ends the process at once, as kill -9 does.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    /// <summary>Sends SIGTERM, as a service manager does, and waits for the graceful shutdown to finish.</summary>
    public async Task StopAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(StartTimeout);
        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(
        string dataPath,
        IReadOnlyDictionary<string, string> settings,
        Uri address,
        int[] ports)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { GatewayDll(), "--urls", address.ToString() },
            WorkingDirectory = dataPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Kwaf__Storage__Provider"] = "Sqlite";
        start.Environment["Kwaf__Storage__DataPath"] = dataPath;
        start.Environment["Kwaf__Silo__SiloPort"] = ports[1].ToString(CultureInfo.InvariantCulture);
        start.Environment["Kwaf__Silo__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    private static string GatewayDll()
    {
        // Tests run from tests/Kwaf.Gateway.Tests/bin/CONFIG/net10.0; the gateway builds to gateway/bin/CONFIG/net10.0.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Kwaf.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null
            ? string.Empty
            : Path.Combine(root.FullName, "gateway", "bin", configuration, "net10.0", "Kwaf.Gateway.dll");
        Assert.True(File.Exists(dll), $"The built gateway was not found at '{dll}'; build Kwaf.sln first.");
        return dll;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastOutput.Enqueue(line);
        while (_lastOutput.Count > OutputLinesKept && _lastOutput.TryDequeue(out _))
        {
        }
    }

    private Task WaitReadyAsync() => ApiCalls.EventuallyAsync(
        async () =>
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                Assert.Fail(
                    $"The gateway process exited ({_process.ExitCode}) before it was ready. Its last output:\n"
                    + string.Join('\n', _lastOutput));
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        },
        StartTimeout,
        "gateway process readiness");
}
