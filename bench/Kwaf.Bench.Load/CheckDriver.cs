using System.Diagnostics;
using System.Net;

namespace Kwaf.Bench.Load;

/// <summary>
/// Asks <c>GET /decisions/check?ip=...</c> from a fixed number of keep-alive connections as fast as they are
/// answered, for a bounded time and count, and records every latency.
/// </summary>
internal static class CheckDriver
{
    public const int Connections = 16;

    public static async Task<CheckRun> RunAsync(
        ServerProcess server,
        IReadOnlyList<string> paths,
        TimeSpan duration,
        long maxRequests,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Connections, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = server.Url, Timeout = TimeSpan.FromSeconds(10) };
        await WarmAsync(client, paths, cancellationToken);
        var latencies = new List<long>[Connections];
        long issued = 0;
        long denied = 0;
        var cpu = server.CpuSeconds;
        var clock = Stopwatch.StartNew();
        var workers = new Task[Connections];
        for (var w = 0; w < Connections; w++)
        {
            var mine = latencies[w] = new List<long>(1 << 16);
            var offset = w * 7919;
            workers[w] = Task.Run(
                async () =>
                {
                    long index;
                    while (clock.Elapsed < duration && (index = Interlocked.Increment(ref issued)) <= maxRequests)
                    {
                        var started = Stopwatch.GetTimestamp();
                        using var response = await client.GetAsync(
                            paths[(int)((index + offset) % paths.Count)],
                            cancellationToken);
                        mine.Add(Stopwatch.GetTimestamp() - started);
                        if (response.StatusCode == HttpStatusCode.Forbidden)
                        {
                            Interlocked.Increment(ref denied);
                        }
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuUsed = server.CpuSeconds - cpu;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new CheckRun(
            server.Name,
            all.Length,
            denied,
            seconds,
            cpuUsed,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            MachineStats.LoadAverage());
    }

    private static async Task WarmAsync(HttpClient client, IReadOnlyList<string> paths, CancellationToken token)
    {
        // Three seconds of requests on every connection first, so that both servers run tiered-up code when the run
        // starts: the gateway has far more code on the request path than the bare app, and compiling it during the
        // run would be charged to its requests.
        var clock = Stopwatch.StartNew();
        var workers = new Task[Connections];
        for (var w = 0; w < Connections; w++)
        {
            var offset = w * 7919;
            workers[w] = Task.Run(
                async () =>
                {
                    for (var i = offset; clock.Elapsed < TimeSpan.FromSeconds(3); i++)
                    {
                        using var response = await client.GetAsync(paths[i % paths.Count], token);
                    }
                },
                token);
        }

        await Task.WhenAll(workers);
    }

    private static double Percentile(long[] sorted, double share) => sorted.Length == 0
        ? double.NaN
        : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * share))] * 1000.0 / Stopwatch.Frequency;
}
