using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared.Postgres;
using Npgsql;

namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>
/// C-16 on PostgreSQL: while another session holds <c>LOCK TABLE kwaf_grain_state IN ACCESS EXCLUSIVE MODE</c>,
/// checks answer from memory, a block decided during the lock is enforced at once, readiness reports degraded
/// storage; after the lock ends the block's state lands and readiness recovers on its own. Real clock, gateway
/// process, write timeout 500 ms.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class C16LockedStoreTests : IAsyncLifetime
{
    private const string Blocked = "203.0.113.150";
    private const string Clean = "198.51.100.150";
    private const string Attacker = "203.0.113.151";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task TableLocked_ChecksAnswerFromMemoryAndNewBlockLandsAfterLock()
    {
        var settings = PostgresSettings.For(_database);
        settings["Kwaf:Persistence:WriteInterval"] = "00:00:01";
        settings["Kwaf:Persistence:WriteTimeout"] = "00:00:00.500";
        settings["Kwaf:Persistence:MaxRetryBackoff"] = "00:00:02";
        await using var gateway = await GatewayProcess.StartAsync(_folder.Path, settings);
        await PrepareAsync(gateway.Client);

        await using (var lockSession = await TableLock.TakeAsync(_database, "kwaf_grain_state"))
        {
            await SendAsync(gateway.Client, FailedLogins(Attacker, 12));
            await gateway.Client.CheckEventuallyAsync(Attacker, HttpStatusCode.Forbidden, Bound);
            await ApiCalls.EventuallyAsync(
                async () => await ReadyStatusAsync(gateway.Client) == "degraded",
                Bound,
                "readiness reporting degraded storage during the lock");
            var checks = await CheckManyAsync(gateway.Client, 20);

            Assert.All(checks, pair => Assert.Equal(pair.Expected, pair.Actual));
            Assert.Equal(0L, await CountRowsMentioningAsync(lockSession.Connection, Attacker));
        }

        await ApiCalls.EventuallyAsync(
            async () => await CountStoredRowsMentioningAsync(Attacker) >= 2,
            Bound,
            $"the decision for {Attacker} in subject and board state after the lock");
        await ApiCalls.EventuallyAsync(
            async () => await ReadyStatusAsync(gateway.Client) == "ready",
            Bound,
            "readiness recovering after the lock");
    }

    /// <summary>
    /// Blocks <see cref="Blocked"/>, activates the clean client and the attacker (so that their events during a store
    /// outage need no read) and waits for healthy storage.
    /// </summary>
    internal static async Task PrepareAsync(HttpClient client)
    {
        await SendAsync(client, FailedLogins(Blocked, 12));
        await SendAsync(
            client,
            [TestEvents.Event(null, Clean, "GET", "/", 200), TestEvents.Event(null, Attacker, "GET", "/", 200)]);
        await client.CheckEventuallyAsync(Blocked, HttpStatusCode.Forbidden, Bound);

        // The attacker's grain is active before the lock, so its events during the lock need no read.
        await ApiCalls.EventuallyAsync(
            async () => (await client.GetAsync($"/ratings?ip={Attacker}")).StatusCode == HttpStatusCode.OK,
            Bound,
            $"{Attacker} rated before the outage");
        await ApiCalls.EventuallyAsync(
            async () => await ReadyStatusAsync(client) == "ready",
            Bound,
            "storage healthy before the outage");
    }

    private static async Task<List<(HttpStatusCode Expected, HttpStatusCode Actual)>> CheckManyAsync(
        HttpClient client,
        int count)
    {
        var results = new List<(HttpStatusCode, HttpStatusCode)>(count * 3);
        for (var i = 0; i < count; i++)
        {
            results.Add((HttpStatusCode.Forbidden, await StatusAsync(client, Blocked)));
            results.Add((HttpStatusCode.NoContent, await StatusAsync(client, Clean)));
            results.Add((HttpStatusCode.Forbidden, await StatusAsync(client, Attacker)));
        }

        return results;
    }

    internal static async Task<HttpStatusCode> StatusAsync(HttpClient client, string ip)
    {
        using var response = await client.CheckIpAsync(ip);
        return response.StatusCode;
    }

    internal static async Task<string?> ReadyStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
    }

    private static async Task<long> CountRowsMentioningAsync(NpgsqlConnection connection, string ip)
    {
        // Run inside the locking session, which alone can read the table while it holds the lock.
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM kwaf_grain_state WHERE convert_from(payload, 'UTF8') LIKE @pattern;",
            connection);
        command.Parameters.AddWithValue("pattern", "%" + ip + "\"%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountStoredRowsMentioningAsync(string ip)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(DISTINCT grain_type) FROM kwaf_grain_state "
            + "WHERE grain_type IN ('clientIp', 'decisionBoard') AND convert_from(payload, 'UTF8') LIKE @pattern;",
            connection);
        command.Parameters.AddWithValue("pattern", "%" + ip + "\"%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    internal static IEnumerable<string> FailedLogins(string ip, int count) =>
        Enumerable.Repeat(TestEvents.Event(null, ip, "POST", "/login", 401), count);

    internal static async Task SendAsync(HttpClient client, IEnumerable<string> events)
    {
        using var response = await client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
