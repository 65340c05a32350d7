using System.Diagnostics;
using System.Globalization;
using Kwaf.Tests.Shared;

namespace Kwaf.Gateway.Tests.Cluster;

/// <summary>
/// Drives scripts/cluster.sh for one test class: a private cluster (PostgreSQL, Redis, silos, one gateway in
/// client mode) in its own state folder, with failure detection tuned for tests: a probe timeout of 1 s, 2 missed
/// probes, 1 vote and a response timeout of 5 s (cold activations with PostgreSQL reads on two cores
/// take over 2 s), which bound recovery after a SIGKILL at about 8 s.
/// </summary>
internal sealed partial class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private readonly Dictionary<string, string> _environment;

    private LocalCluster(string folder, Dictionary<string, string> environment)
    {
        Folder = folder;
        _environment = environment;
    }

    /// <summary>The state folder of the cluster (pids, ports, logs).</summary>
    public string Folder { get; }

    /// <summary>The gateway's base address.</summary>
    public Uri GatewayUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Settings of cluster.env: Redis and PostgreSQL addresses, cluster id, storage.</summary>
    public IReadOnlyDictionary<string, string> Settings => ReadKeyValues(Path.Combine(Folder, "cluster.env"));

    /// <summary>Starts a cluster of <paramref name="silos"/> silos and one gateway.</summary>
    public static async Task<LocalCluster> StartAsync(int silos, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kwaf-cluster-test-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = new Dictionary<string, string>
        {
            ["KWAF_CLUSTER_DIR"] = folder,
            ["KWAF_CLUSTER_BUILD"] = "missing",
            ["KWAF_CLUSTER_CONFIG"] = AppContext.BaseDirectory.Contains("/bin/Debug/", StringComparison.Ordinal)
                ? "Debug"
                : "Release",
            ["Kwaf__Cluster__ProbeTimeout"] = "00:00:01",
            ["Kwaf__Cluster__MissedProbesLimit"] = "2",
            ["Kwaf__Cluster__VotesForDeath"] = "1",
            ["Kwaf__Cluster__ResponseTimeout"] = "00:00:05",
            ["Kwaf__Cluster__GatewayListRefreshPeriod"] = "00:00:01",
            ["Kwaf__Persistence__WriteInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var cluster = new LocalCluster(folder, environment);
        try
        {
            var output = await cluster.RunAsync("start", "--silos", silos.ToString(CultureInfo.InvariantCulture));
            cluster.GatewayUrl = new Uri(output.TrimEnd().Split('\n')[^1].Trim() + "/");
            return cluster;
        }
        catch (Exception)
        {
            // A half-started cluster still holds servers and processes: stop them before failing.
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGKILL to silo <paramref name="silo"/> (1-based).</summary>
    public Task KillSiloAsync(int silo) => RunAsync("kill-silo", silo.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts one more silo; returns its number.</summary>
    public async Task<int> AddSiloAsync()
    {
        await RunAsync("add-silo");
        return Directory.GetFiles(Folder, "silo-*.ports").Length;
    }

    /// <summary>The silo-to-silo port of silo <paramref name="silo"/>, by which Orleans names it.</summary>
    public int SiloPort(int silo) =>
        int.Parse(ReadKeyValues(Path.Combine(Folder, $"silo-{silo}.ports"))["SILO_PORT"], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        // Processes started here rather than by cluster.sh first; then the script stops its own and the servers.
        await StopStartedProcessesAsync();
        await RunAsync("stop");
    }

    private static Dictionary<string, string> ReadKeyValues(string path) =>
        File.ReadAllLines(path)
            .Select(static line => line.Split('=', 2))
            .Where(static parts => parts.Length == 2)
            .ToDictionary(static parts => parts[0], static parts => parts[1].Trim('\''));

    private async Task<string> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(TestServers.RepositoryRoot, "scripts", "cluster.sh"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(ScriptTimeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"cluster.sh {string.Join(' ', args)} failed with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
