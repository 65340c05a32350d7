namespace Kwaf.Bench.Load;

internal sealed partial class BenchRunner
{
    /// <summary>
    /// Workload (a) as JSON arrays on a gateway with PostgreSQL grain storage and the audit log in it.
    /// </summary>
    private async Task RunPersistenceAsync(double embeddedEventsPerSecond, CancellationToken cancellationToken)
    {
        if (settings.Postgres is null)
        {
            Note("persistence: no PostgreSQL given (--postgres), figure not measured.");
            return;
        }

        await using var gateway = await StartGatewayAsync(
            "gateway-postgres",
            ["--Kwaf:Storage:Provider=PostgreSql", "--ConnectionStrings:Postgres=" + settings.Postgres],
            cancellationToken);
        using var client = ClientFor(gateway);
        var driver = new IngestDriver(gateway, client);
        var postgres = await IngestRealisticAsync(driver, "persistence.ingest", cancellationToken);
        var figure = _figures.Last(f => f.Key == "persistence.ingest.measuredEventsPerSecond");
        Add("persistence.ingestRatio", [postgres / embeddedEventsPerSecond], "ratio", figure.CpuSeconds, figure.Load,
            $"median events/s (wall) with PostgreSQL storage and audit ({postgres:0}) / embedded with its default "
            + $"SQLite store ({embeddedEventsPerSecond:0}), same workload (a) and load generator",
            ">= 0.7", v => v >= 0.7);
    }
}
