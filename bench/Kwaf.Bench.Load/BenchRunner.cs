using System.Text;

namespace Kwaf.Bench.Load;

/// <summary>
/// Runs every end-to-end workload in order against servers it starts itself on loopback, and collects the figures.
/// Each server is stopped (by its own process id) when its workloads are done.
/// </summary>
internal sealed partial class BenchRunner(BenchSettings settings)
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _notes = [];
    private readonly DateTimeOffset _eventBase = TimeProvider.System.GetUtcNow().AddMinutes(-10);

    public IReadOnlyList<Figure> Figures => _figures;

    public IReadOnlyList<string> Notes => _notes;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var embedded = double.NaN;
        if (settings.Runs("embedded"))
        {
            embedded = await RunEmbeddedAsync(cancellationToken);
        }

        if (settings.Runs("check"))
        {
            await RunCheckAsync(cancellationToken);
        }

        if (settings.Runs("profile"))
        {
            await RunProfileAsync(cancellationToken);
        }

        if (settings.Runs("memory"))
        {
            await RunMemoryAndScaleAsync(cancellationToken);
        }

        if (settings.Runs("replay"))
        {
            await RunReplayAsync(cancellationToken);
        }

        if (settings.Runs("persistence") && !double.IsNaN(embedded))
        {
            await RunPersistenceAsync(embedded, cancellationToken);
        }
    }

    private static HttpClient ClientFor(ServerProcess server) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 8, UseProxy = false })
        {
            BaseAddress = server.Url,
            // A starved gateway on a loaded machine may hold a POST for minutes; the run's own deadline bounds it.
            Timeout = TimeSpan.FromMinutes(10),
        };

    private static void Log(string message) =>
        Console.Error.WriteLine(TimeProvider.System.GetUtcNow().ToString("HH:mm:ss ") + message);

    /// <summary>Starts a gateway in embedded mode (co-hosted silo) with its own ports and data folder.</summary>
    private async Task<ServerProcess> StartGatewayAsync(
        string name,
        IEnumerable<string> extra,
        CancellationToken cancellationToken)
    {
        var data = Path.Combine(settings.WorkFolder, name + "-data");
        Directory.CreateDirectory(data);
        string[] arguments =
        [
            $"--Kwaf:Silo:SiloPort={ServerProcess.FreePort()}",
            $"--Kwaf:Silo:GatewayPort={ServerProcess.FreePort()}",
            $"--Kwaf:Storage:DataPath={data}",
            .. extra,
        ];
        Log($"starting {name}");
        return await ServerProcess.StartAsync(
            name,
            settings.GatewayDll,
            arguments,
            settings.WorkFolder,
            "/health/ready",
            cancellationToken);
    }

    private void Add(
        string key,
        IReadOnlyList<double> runs,
        string unit,
        double cpuSeconds,
        double load,
        string source,
        string goal,
        Func<double, bool>? met)
    {
        var value = Stats.Median(runs);
        var figure = new Figure(
            key,
            value,
            unit,
            runs,
            cpuSeconds,
            load,
            source,
            goal,
            met is null || double.IsNaN(value) ? null : met(value),
            settings.Mode);
        _figures.Add(figure);
        Log($"{key} = {value:0.###} {unit} (runs {string.Join(", ", runs.Select(r => r.ToString("0.###")))})"
            + (figure.Met is { } m ? $" goal {goal}: {(m ? "met" : "missed")}" : string.Empty));
    }

    private void Note(string text)
    {
        _notes.Add(text);
        Log("note: " + text);
    }

    private static List<byte[]> Bodies(IReadOnlyList<string> objects, int size, bool ndjson)
    {
        var bodies = new List<byte[]>();
        for (var at = 0; at < objects.Count; at += size)
        {
            var slice = objects.Skip(at).Take(size).ToList();
            bodies.Add(ndjson ? Encodings.Ndjson(slice) : Encodings.JsonArray(slice));
        }

        return bodies;
    }

    private static string Describe(IEnumerable<IngestRun> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            text.Append($"{run.Events} events in {run.Seconds:0.00} s, {run.CpuSeconds:0.00} CPU s");
            text.Append(run.Dropped > 0 ? $", {run.Dropped} refused while the buffer was full; " : "; ");
        }

        return text.ToString();
    }
}
