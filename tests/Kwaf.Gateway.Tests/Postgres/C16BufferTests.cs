using System.Globalization;
using System.Net;
using System.Text.Json;
using Kwaf.Gateway.Tests.Api;
using Kwaf.Gateway.Tests.EndToEnd;
using Kwaf.Gateway.Tests.Hosting;
using Kwaf.Tests.Shared.Postgres;

namespace Kwaf.Gateway.Tests.Postgres;

/// <summary>
/// C-16, the ingestion buffer: while the grain state table is locked, 4,000 events arrive, most of them from
/// clients never seen before, whose activations wait on the store. With 10,000 slots every event is held and lands
/// after the lock, and the subjects already active (an attacker failing logins) are rated and blocked meanwhile;
/// with 1,000 slots the excess is refused and counted. Nothing is lost without a count.
/// </summary>
[Trait("Category", "Integration")]
[Collection(ProcessTestsCollection.Name)]
public sealed class C16BufferTests : IAsyncLifetime
{
    private const string Attacker = "203.0.113.151";
    private const string Clean = "198.51.100.150";
    private const int Posts = 20;
    private const int NewClientsPerPost = 198;
    private const int AttackerFailuresPerPost = 2;
    private const int EventsDuringLock = Posts * (NewClientsPerPost + AttackerFailuresPerPost);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    // Thousands of first activations read the store once it answers again; on two busy cores that takes a while.
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(110);

    private readonly TempFolder _folder = new();
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task TenThousandSlots_NewClientsDuringLock_AllHeldAttackerBlockedAndEverythingLandsAfter()
    {
        await using var gateway = await StartAsync(bufferCapacity: 10_000);
        var before = await StatsAsync(gateway.Client);

        await using (await TableLock.TakeAsync(_database, "kwaf_grain_state"))
        {
            await SendDuringLockAsync(gateway.Client, withAttacker: true);
            await gateway.Client.CheckEventuallyAsync(Attacker, HttpStatusCode.Forbidden, Bound);
            var during = await StatsAsync(gateway.Client);

            Assert.Equal(HttpStatusCode.NoContent, await C16LockedStoreTests.StatusAsync(gateway.Client, Clean));
            Assert.Equal(EventsDuringLock, during.Accepted - before.Accepted);
            Assert.Equal(0, during.Dropped - before.Dropped);
            Assert.True(during.Pending > 0, "new clients' events were delivered while their store was locked");
        }

        var after = await DrainedStatsAsync(gateway.Client);
        var newClient = await gateway.Client.GetIpRatingAsync(NewClient(Posts - 1, NewClientsPerPost - 1));

        Assert.Equal(0, after.DispatchFailures);
        Assert.Equal(after.Accepted, after.Dispatched);
        Assert.Equal(1, newClient.GetProperty("totalEvents").GetInt64());
    }

    [Fact]
    public async Task OneThousandSlots_NewClientsDuringLock_ExcessRefusedAndCounted()
    {
        await using var gateway = await StartAsync(bufferCapacity: 1_000);
        var before = await StatsAsync(gateway.Client);

        await using (await TableLock.TakeAsync(_database, "kwaf_grain_state"))
        {
            await SendDuringLockAsync(gateway.Client, withAttacker: false);
            var during = await StatsAsync(gateway.Client);

            var accepted = during.Accepted - before.Accepted;
            var dropped = during.Dropped - before.Dropped;
            Assert.Equal(Posts * NewClientsPerPost, accepted + dropped);
            Assert.InRange(accepted, 1, 1_000);
        }

        var after = await DrainedStatsAsync(gateway.Client);

        Assert.Equal(0, after.DispatchFailures);
        Assert.Equal(after.Accepted, after.Dispatched);
    }

    private async Task<GatewayProcess> StartAsync(int bufferCapacity)
    {
        var settings = PostgresSettings.For(_database);
        settings["Kwaf:Persistence:WriteInterval"] = "00:00:01";
        settings["Kwaf:Persistence:WriteTimeout"] = "00:00:00.500";
        settings["Kwaf:Pipeline:BufferCapacity"] = bufferCapacity.ToString(CultureInfo.InvariantCulture);
        settings["Kwaf:Pipeline:FullBufferWait"] = "00:00:00";
        var gateway = await GatewayProcess.StartAsync(_folder.Path, settings);

        // Active before the lock, so that their events during it need no store read.
        await C16LockedStoreTests.SendAsync(
            gateway.Client,
            [TestEvents.Event(null, Attacker, "GET", "/", 200), TestEvents.Event(null, Clean, "GET", "/", 200)]);
        await ApiCalls.EventuallyAsync(
            async () => (await gateway.Client.GetAsync($"/ratings?ip={Attacker}")).StatusCode == HttpStatusCode.OK,
            Bound,
            $"{Attacker} rated before the lock");
        return gateway;
    }

    private static async Task SendDuringLockAsync(HttpClient client, bool withAttacker)
    {
        for (var post = 0; post < Posts; post++)
        {
            var events = Enumerable.Range(0, NewClientsPerPost)
                .Select(i => TestEvents.Event(null, NewClient(post, i), "GET", "/products", 200))
                .Concat(withAttacker ? C16LockedStoreTests.FailedLogins(Attacker, AttackerFailuresPerPost) : []);
            using var response = await client.PostEventsAsync(TestEvents.Lines(events), ApiCalls.Ndjson);

            // 202 while there is room; 503 (problem details) once the buffer is full and every event is refused.
            Assert.True(
                response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable,
                $"post {post} answered {response.StatusCode}");
        }
    }

    private static string NewClient(int post, int index) => $"10.16.{post}.{index + 1}";

    private static async Task<Stats> DrainedStatsAsync(HttpClient client)
    {
        Stats? stats = null;
        await ApiCalls.EventuallyAsync(
            async () => (stats = await StatsAsync(client)).Pending == 0,
            DrainBound,
            "every held event delivered after the lock");
        return stats!;
    }

    private static async Task<Stats> StatsAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/events/stats", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        return new Stats(
            root.GetProperty("accepted").GetInt64(),
            root.GetProperty("dropped").GetInt64(),
            root.GetProperty("dispatched").GetInt64(),
            root.GetProperty("dispatchFailures").GetInt64(),
            root.GetProperty("pending").GetInt64());
    }

    private sealed record Stats(long Accepted, long Dropped, long Dispatched, long DispatchFailures, long Pending);
}
