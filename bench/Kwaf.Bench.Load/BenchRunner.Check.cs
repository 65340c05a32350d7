using System.Net;
using System.Net.Http.Json;

namespace Kwaf.Bench.Load;

internal sealed partial class BenchRunner
{
    private const int CheckPaths = 20_000;

    private static readonly TimeSpan CheckWarmUp = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Workload (c): checks for IPs drawn from the population with 1% of its IPs blocked, against the gateway and
    /// against the bare reference app, alternating so that both see the same machine. The gateway is a fresh one with
    /// the defaults, so that the subjects an earlier stage left writing their state on their timers do not land on
    /// the checks' CPU.
    /// </summary>
    private async Task RunCheckAsync(CancellationToken cancellationToken)
    {
        await using var gateway = await StartGatewayAsync("gateway-check", [], cancellationToken);
        using var client = ClientFor(gateway);
        var blocked = 0;
        for (var index = 37; index < BenchSettings.PopulationIps; index += 100)
        {
            var body = new { ip = Population.Address(index), kind = "block", durationSeconds = 3600, reason = "bench" };
            using var response = await client.PostAsJsonAsync("/decisions", body, cancellationToken);
            blocked += response.IsSuccessStatusCode ? 1 : 0;
        }

        var population = new Population(BenchSettings.PopulationIps, BenchSettings.PopulationUsers, seed: 4);
        var paths = new List<string>(CheckPaths);
        for (var i = 0; i < CheckPaths; i++)
        {
            paths.Add("/decisions/check?ip=" + WebUtility.UrlEncode(Population.Address(population.NextIp())));
        }

        await using var bare = await ServerProcess.StartAsync(
            "bare", settings.BareDll, [], settings.WorkFolder, "/health", cancellationToken);

        // One untimed run of each first, as every other figure has its warm-up: both processes start cold, and the
        // first run of each would otherwise carry its JIT and tiering.
        await CheckDriver.RunAsync(bare, paths, CheckWarmUp, 2_000_000, cancellationToken);
        await CheckDriver.RunAsync(gateway, paths, CheckWarmUp, 2_000_000, cancellationToken);
        var kwafRuns = new List<CheckRun>();
        var bareRuns = new List<CheckRun>();
        for (var r = 0; r < settings.Repetitions; r++)
        {
            bareRuns.Add(await CheckDriver.RunAsync(bare, paths, settings.CheckDuration, 2_000_000, cancellationToken));
            kwafRuns.Add(await CheckDriver.RunAsync(
                gateway,
                paths,
                settings.CheckDuration,
                2_000_000,
                cancellationToken));
        }

        var source = $"Kwaf.Bench.Load, workload (c): {CheckDriver.Connections} keep-alive connections, "
            + $"{settings.CheckDuration.TotalSeconds:0} s per run after an untimed {CheckWarmUp.TotalSeconds:0} s run "
            + $"of each, bare and kwaf alternating; {blocked} IPs blocked "
            + $"(1% of {BenchSettings.PopulationIps}), Zipf-drawn IPs; denied share "
            + $"{kwafRuns.Sum(k => k.Denied) / (double)kwafRuns.Sum(k => k.Requests):P2}. kwaf: "
            + string.Join("; ", kwafRuns.Select(k => $"{k.RequestsPerSecond:0}/s {k.CpuMicrosPerRequest:0.0} us "
                + $"p99 {k.P99Ms:0.00} ms")) + ". bare: "
            + string.Join("; ", bareRuns.Select(b => $"{b.RequestsPerSecond:0}/s {b.CpuMicrosPerRequest:0.0} us "
                + $"p99 {b.P99Ms:0.00} ms"));
        var cpu = kwafRuns.Sum(k => k.CpuSeconds) + bareRuns.Sum(b => b.CpuSeconds);
        var load = kwafRuns.Concat(bareRuns).Max(k => k.Load);
        var pairs = kwafRuns.Zip(bareRuns).ToList();
        Add("check.throughputRatio", [.. pairs.Select(p => p.First.RequestsPerSecond / p.Second.RequestsPerSecond)],
            "ratio", cpu, load, source, ">= 0.8", v => v >= 0.8);
        Add("check.cpuRatio", [.. pairs.Select(p => p.First.CpuMicrosPerRequest / p.Second.CpuMicrosPerRequest)],
            "ratio", cpu, load, source, "<= 1.25", v => v <= 1.25);
        Add("check.p99DeltaMs", [.. pairs.Select(p => p.First.P99Ms - p.Second.P99Ms)],
            "ms", cpu, load, source, "<= 1", v => v <= 1);
        Add("check.cpuMicrosPerRequest", [.. kwafRuns.Select(k => k.CpuMicrosPerRequest)],
            "us", cpu, load, source, "none (informational)", null);
        Add("check.bare.cpuMicrosPerRequest", [.. bareRuns.Select(k => k.CpuMicrosPerRequest)],
            "us", cpu, load, source, "none (informational)", null);
    }
}
