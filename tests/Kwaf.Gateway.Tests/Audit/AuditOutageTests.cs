using System.Net;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Grains.Audit;
using Kwaf.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Kwaf.Gateway.Tests.Audit;

/// <summary>
/// The outage test: PostgreSQL stops in the middle of the load; ingestion, manual decisions and checks keep
/// answering; the audit writer keeps the records and retries; after PostgreSQL returns, every record lands.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class AuditOutageTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Writer_PostgresStoppedMidLoad_EveryBufferedRecordLandsAfterItReturns()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await postgres.ExecuteAsync(await File.ReadAllTextAsync(
            Path.Combine(TestServers.RepositoryRoot, "sql", "postgresql", "010_audit_log.sql")));
        await using var factory = new RealTimeGatewayFactory(new Dictionary<string, string?>
        {
            ["Kwaf:Audit:Store"] = "PostgreSql",
            ["ConnectionStrings:Postgres"] = postgres.ConnectionString,
            ["Kwaf:Audit:RetryMinDelay"] = "00:00:00.050",
            ["Kwaf:Audit:RetryMaxDelay"] = "00:00:00.200",
        });
        using var client = factory.CreateClient();
        var counters = factory.Services.GetRequiredService<AuditCounters>();
        await BlockAsync(client, "198.51.100.", 10);
        await RowsEventuallyAsync(postgres, 10);

        await postgres.StopAsync();
        var blocked = await BlockAsync(client, "203.0.113.", 40);
        using (var events = await client.PostEventsAsync(
            TestEvents.Lines([TestEvents.Event(null, "192.0.2.77", "GET", "/", 200, "sqlmap/1.7")]),
            ApiCalls.Ndjson))
        {
            Assert.Equal(HttpStatusCode.Accepted, events.StatusCode);
        }

        await client.CheckEventuallyAsync("203.0.113.5", HttpStatusCode.Forbidden, Within);
        await client.CheckEventuallyAsync("192.0.2.77", HttpStatusCode.Forbidden, Within);
        using (var clean = await client.CheckIpAsync("192.0.2.99"))
        {
            Assert.Equal(HttpStatusCode.NoContent, clean.StatusCode);
        }

        await ApiCalls.EventuallyAsync(
            () => Task.FromResult(counters.WriteFailures >= 2),
            Within,
            "the audit writer failing against the stopped PostgreSQL");
        using (var unreadable = await client.GetAsync("/audit"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unreadable.StatusCode);
        }

        await postgres.RestartAsync();
        await RowsEventuallyAsync(postgres, 52);

        Assert.Equal(52, await postgres.CountAsync("SELECT COUNT(*) FROM kwaf_audit_log"));
        Assert.Equal(40, await postgres.CountAsync(
            "SELECT COUNT(*) FROM kwaf_audit_log WHERE record_kind = 'manual-add' AND decision_id IN ('"
            + string.Join("','", blocked) + "')"));
        Assert.Equal(2, await postgres.CountAsync(
            "SELECT COUNT(*) FROM kwaf_audit_log WHERE subject_id = '192.0.2.77'"));
        Assert.Equal(0, counters.Dropped);
        Assert.Equal(52, counters.Written);
    }

    private static async Task<List<string>> BlockAsync(HttpClient client, string prefix, int count)
    {
        var ids = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            ids.Add(await AuditEndpointsTests.AddManualBlockAsync(client, prefix + i));
        }

        return ids;
    }

    private static Task RowsEventuallyAsync(PrivatePostgres postgres, long count) =>
        ApiCalls.EventuallyAsync(
            async () => await postgres.CountAsync("SELECT COUNT(*) FROM kwaf_audit_log") >= count,
            Within,
            $"{count} rows in kwaf_audit_log");
}
