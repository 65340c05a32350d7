using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>
/// Node control that scripts/cluster.sh does not offer: more gateways, a graceful silo stop (SIGTERM), and silos
/// and gateways started again on the same Redis and PostgreSQL. Processes get the same environment as those of
/// the script (cluster.env plus the test's Kwaf__* settings) and write pid, ports and log files of the same names
/// in the state folder, so <c>cluster.sh stop</c> also finds restarted silos and the first gateway.
/// </summary>
internal sealed partial class LocalCluster
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    private readonly List<Process> _started = [];

    /// <summary>
    /// Starts a gateway in client mode named <paramref name="name"/> (<c>gateway</c> replaces the first one and
    /// moves <see cref="GatewayUrl"/>); returns its base address once /health/ready answers.
    /// </summary>
    public async Task<Uri> StartGatewayAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(Folder, $"{name}.ports"), $"HTTP_PORT={port}\n");
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Kwaf__Gateway__Mode"] = "Client",
        };
        var url = new Uri($"http://127.0.0.1:{port}/");
        await StartNodeAsync(name, "gateway", "Kwaf.Gateway.dll", $"--urls http://127.0.0.1:{port}", environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitForAsync(name, () => IsReadyAsync(http, new Uri(url, "health/ready")));
        if (name == "gateway")
        {
            GatewayUrl = url;
        }

        return url;
    }

    /// <summary>Sends SIGTERM to gateway <paramref name="name"/> and waits until it has exited.</summary>
    public Task StopGatewayAsync(string name) => StopNodeAsync(name);

    /// <summary>Sends SIGTERM to silo <paramref name="silo"/> (1-based) and waits until it has shut down.</summary>
    public Task StopSiloAsync(int silo) => StopNodeAsync($"silo-{silo}");

    /// <summary>Whether silo <paramref name="silo"/> (1-based) is running.</summary>
    public bool IsSiloRunning(int silo) => IsAlive(ReadPid($"silo-{silo}"));

    /// <summary>Starts silo <paramref name="silo"/> (1-based) again on new ports; returns once it accepts clients.
    /// </summary>
    public async Task StartSiloAsync(int silo)
    {
        var name = $"silo-{silo}";
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        await File.WriteAllTextAsync(
            Path.Combine(Folder, $"{name}.ports"),
            $"SILO_PORT={siloPort}\nGATEWAY_PORT={gatewayPort}\n");
        var environment = new Dictionary<string, string>
        {
            ["Kwaf__Silo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Kwaf__Silo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Kwaf__Storage__MigrateOnStart"] = "false",
        };
        await StartNodeAsync(name, "silo", "Kwaf.Silo.dll", string.Empty, environment);
        await WaitForAsync(name, () => IsListeningAsync(gatewayPort));
    }

    private async Task StartNodeAsync(
        string name,
        string project,
        string assembly,
        string arguments,
        Dictionary<string, string> nodeSettings)
    {
        var config = _environment["KWAF_CLUSTER_CONFIG"];
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Path.Combine(TestServers.RepositoryRoot, project, "bin", config, "net10.0"),
        };

        // exec keeps the pid: the pid file names the dotnet process itself, as the script's do.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"exec dotnet {assembly} {arguments} > '{Path.Combine(Folder, name)}.log' 2>&1");
        foreach (var (key, value) in NodeEnvironment().Concat(nodeSettings))
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        _started.Add(process);
        await File.WriteAllTextAsync(
            Path.Combine(Folder, $"{name}.pid"),
            process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
    }

    // The settings cluster.sh exports to every process (its common_env), plus the test's own settings.
    private Dictionary<string, string> NodeEnvironment()
    {
        var settings = Settings;
        var environment = new Dictionary<string, string>(_environment)
        {
            ["ConnectionStrings__Redis"] = settings["KWAF_TEST_REDIS"],
            ["ConnectionStrings__Postgres"] = settings["KWAF_TEST_POSTGRES"],
            ["Kwaf__Cluster__Membership"] = "Redis",
            ["Kwaf__Cluster__ClusterId"] = settings["CLUSTER_ID"],
            ["Kwaf__Cluster__ServiceId"] = "kwaf",
            ["Kwaf__Storage__Provider"] = settings["STORAGE"],
            ["Kwaf__Storage__DataPath"] = Path.Combine(Folder, "data"),
            ["Kwaf__Silo__AdvertisedIp"] = "127.0.0.1",
        };
        return environment;
    }

    private async Task StopNodeAsync(string name)
    {
        var pid = ReadPid(name);
        Assert.True(IsAlive(pid), $"{name} (pid {pid}) is not running");
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(StopBound);
        }

        await WaitForAsync(name, () => Task.FromResult(!IsAlive(pid)), StopBound);
    }

    private async Task StopStartedProcessesAsync()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
        }

        foreach (var process in _started)
        {
            try
            {
                await process.WaitForExitAsync().WaitAsync(StopBound);
            }
            catch (TimeoutException)
            {
                process.Kill();
            }

            process.Dispose();
        }

        _started.Clear();
    }

    private int ReadPid(string name) =>
        int.Parse(File.ReadAllText(Path.Combine(Folder, $"{name}.pid")).Trim(), CultureInfo.InvariantCulture);

    // A process that has exited but is not yet reaped is a zombie: it no longer runs, though its pid exists.
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Bounded waiting for a process of the cluster; the bound fails the test with the node's log tail.
    private async Task WaitForAsync(string name, Func<Task<bool>> condition, TimeSpan? bound = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > (bound ?? StartBound) || (bound is null && !IsAlive(ReadPid(name))))
            {
                var log = Path.Combine(Folder, $"{name}.log");
                var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : "(no log)";
                Assert.Fail($"{name} did not reach its state within {elapsed.Elapsed}; log tail:\n{tail}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient http, Uri ready)
    {
        try
        {
            using var response = await http.GetAsync(ready);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // A port that nothing binds now and no node of this test process was given (cluster.sh picks its own apart).
    private static int FreePort() => LoopbackPorts.FindFree(1)[0];
}
