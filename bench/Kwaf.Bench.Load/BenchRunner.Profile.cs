namespace Kwaf.Bench.Load;

internal sealed partial class BenchRunner
{
    private static readonly (string Key, string What, string[] Arguments)[] ProfileVariants =
    [
        ("memoryStore", "in-memory grain storage (no SQLite reads or writes)", ["--Kwaf:Storage:Provider=Memory"]),
        (
            "memoryStoreNoDashboard",
            "in-memory grain storage and the dashboard off (no profiling filter on grain calls)",
            ["--Kwaf:Storage:Provider=Memory", "--Kwaf:Dashboard:Enabled=false"]),
    ];

    /// <summary>
    /// Where ingestion CPU goes, by taking parts away: the same realistic workload on gateways without the SQLite
    /// store, then also without the dashboard. The differences with <c>ingest.cpuMicrosPerEvent</c> are the cost of
    /// those parts; what is left is parsing, validation, dispatch, grain calls and the grains' own work.
    /// </summary>
    private async Task RunProfileAsync(CancellationToken cancellationToken)
    {
        var bodies = Bodies(RealisticObjects(settings.ProfileEvents, seed: 1), BenchSettings.BatchSize, ndjson: false);
        foreach (var (key, what, arguments) in ProfileVariants)
        {
            await using var gateway = await StartGatewayAsync("gateway-" + key, arguments, cancellationToken);
            using var client = ClientFor(gateway);
            var driver = new IngestDriver(gateway, client);
            await driver.PostAsync(bodies, JsonType, cancellationToken);
            await driver.PostAsync(bodies, JsonType, cancellationToken);
            var runs = new List<IngestRun>();
            for (var r = 0; r < (settings.Quick ? 1 : settings.Repetitions); r++)
            {
                runs.Add(await driver.PostAsync(bodies, JsonType, settings.SustainedRun, cancellationToken));
            }

            Add($"ingest.profile.{key}.cpuMicrosPerEvent", Micros(runs), "us", runs.Sum(r => r.CpuSeconds),
                runs.Max(r => r.Load),
                $"workload (a), {settings.ProfileEvents} events as JSON arrays sent over and over for "
                + $"{settings.SustainedRun.TotalSeconds:0} s after two warm-up passes, as ingest.cpuMicrosPerEvent, "
                + $"with {what}. " + Describe(runs), "none (profile)", null);
        }
    }
}
