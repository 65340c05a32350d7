using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Kwaf.Gateway.Tests.Api;

namespace Kwaf.Gateway.Tests.Edge.HAProxy;

/// <summary>
/// A private HAProxy 2.6 running docker/haproxy/haproxy.cfg in the foreground (<c>-db</c>) on a loopback port, with
/// its admin socket and map files in a state folder of its own. Reloads the way an operator does: a new process
/// started with <c>-sf OLDPID</c> takes the listeners over and the old one finishes.
/// </summary>
internal sealed class HAProxyInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private readonly Dictionary<string, string> _environment;
    private Process _process;

    private HAProxyInstance(Process process, Dictionary<string, string> environment, string stateFolder, int port)
    {
        _process = process;
        _environment = environment;
        StateFolder = stateFolder;
        Address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public Uri Address { get; }

    public string StateFolder { get; }

    public string AdminSocket => Path.Combine(StateFolder, "admin.sock");

    public string IpMap => Path.Combine(StateFolder, "kwaf-ips.map");

    public string UserMap => Path.Combine(StateFolder, "kwaf-users.map");

    public int ProcessId => _process.Id;

    /// <summary>Creates the empty map files the configuration needs, starts HAProxy, waits until it serves.</summary>
    public static async Task<HAProxyInstance> StartAsync(string stateFolder, int port, string demoApi, string syslog)
    {
        await File.WriteAllTextAsync(Path.Combine(stateFolder, "kwaf-ips.map"), string.Empty);
        await File.WriteAllTextAsync(Path.Combine(stateFolder, "kwaf-users.map"), string.Empty);
        var environment = new Dictionary<string, string>
        {
            ["HAPROXY_LISTEN"] = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["DEMO_API"] = demoApi,
            ["KWAF_SYSLOG"] = syslog,
            ["HAPROXY_STATE"] = stateFolder,
        };
        var instance = new HAProxyInstance(Launch(environment, []), environment, stateFolder, port);
        await instance.WaitServingAsync();
        return instance;
    }

    /// <summary>Reloads: a new process takes over with <c>-sf</c>; returns once the old one has exited.</summary>
    public async Task ReloadAsync()
    {
        var old = _process;
        _process = Launch(_environment, ["-sf", old.Id.ToString(CultureInfo.InvariantCulture)]);
        await old.WaitForExitAsync().WaitAsync(StartTimeout);
        old.Dispose();
        await WaitServingAsync();
    }

    /// <summary>Sends one Runtime API command in non-interactive mode and returns the answer.</summary>
    public async Task<string> RuntimeApiAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(AdminSocket)).WaitAsync(StartTimeout);
        await using var stream = new NetworkStream(socket);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\n")).AsTask().WaitAsync(StartTimeout);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync().WaitAsync(StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        }

        _process.Dispose();
    }

    private static Process Launch(Dictionary<string, string> environment, string[] extra)
    {
        var start = new ProcessStartInfo("/usr/sbin/haproxy")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-db");
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(EdgeStackPaths.Docker("haproxy", "haproxy.cfg"));
        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the admin socket answers as the current process: it owns the socket and the port.</summary>
    private Task WaitServingAsync() => ApiCalls.EventuallyAsync(
        async () =>
        {
            Assert.False(_process.HasExited, "HAProxy exited before it served; check docker/haproxy/haproxy.cfg.");
            try
            {
                var info = await RuntimeApiAsync("show info");
                var pid = _process.Id.ToString(CultureInfo.InvariantCulture);
                return info.Contains($"\nPid: {pid}\n", StringComparison.Ordinal);
            }
            catch (SocketException)
            {
                return false;
            }
        },
        StartTimeout,
        "HAProxy serving its admin socket");
}
