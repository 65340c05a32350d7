using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Kwaf.Grains.Subjects;
using Microsoft.Extensions.DependencyInjection;

namespace Kwaf.Gateway.Tests.Api.Cases;

/// <summary>
/// C-13, memory: a flood of unique IPv4 addresses, far more than the cap on active subjects, keeps the managed heap
/// within a bound derived from the cap, and the active-subject count never exceeds the cap. Runs alone (the process
/// collection), so that the heap it measures is this gateway's.
/// </summary>
[Collection(ProcessTestsCollection.Name)]
public sealed class C13BoundedMemoryTests
{
    private const int Cap = 2_000;
    private const int UniqueAddresses = 200_000;
    private const int Batches = 20;

    /// <summary>
    /// Memory per active subject: the benchmark measures about 11 KB of working set, Orleans' activation and
    /// uncollected garbage included (see the README); the bound allows 16 KB of managed heap.
    /// </summary>
    private const long BytesPerSubjectBound = 16 * 1024;

    /// <summary>
    /// What the flood may leave beside the subjects: buffers, caches and allocator slack of the host.
    /// </summary>
    private const long FixedSlackBytes = 48L * 1024 * 1024;

    private static readonly DateTimeOffset Start = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Flood_200kUniqueAddressesWithCap2000_HeapStaysWithinTheCapBoundAndGaugeAtOrUnderCap()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(Start, new Dictionary<string, string?>
        {
            ["Kwaf:Grains:MaxActiveSubjects"] = Cap.ToString(CultureInfo.InvariantCulture),
        });
        var subjects = gateway.Factory.Services.GetRequiredService<ActiveSubjects>();
        await SendAsync(gateway, 0, 1_000);
        var baseline = HeapAfterFullCollection();
        var bound = baseline + (Cap * BytesPerSubjectBound) + FixedSlackBytes;
        var peakHeap = 0L;
        var peakActive = 0L;

        for (var batch = 0; batch < Batches; batch++)
        {
            var from = 1_000 + (batch * (UniqueAddresses / Batches));
            await SendAsync(gateway, from, UniqueAddresses / Batches);
            peakActive = Math.Max(peakActive, subjects.Active);
            peakHeap = Math.Max(peakHeap, HeapAfterFullCollection());
        }

        var stats = await StatsAsync(gateway.Client);
        Assert.True(
            bound < baseline + (UniqueAddresses * 2L * 1024),
            "the bound would hold even without a cap; the test could not fail");
        Assert.True(
            peakHeap <= bound,
            $"heap after a full collection peaked at {peakHeap / 1024 / 1024} MB; bound {bound / 1024 / 1024} MB "
            + $"(baseline {baseline / 1024 / 1024} MB)");
        Assert.InRange(peakActive, Cap * 9 / 10, Cap);
        Assert.True(
            stats.GetProperty("folded").GetInt64() + stats.GetProperty("unrated").GetInt64()
                >= UniqueAddresses - Cap,
            $"events of new addresses past the cap were not all folded or counted as unrated: {stats}");
    }

    private static async Task SendAsync(GatewayUnderTest gateway, int from, int count)
    {
        var lines = new StringBuilder(count * 120);
        for (var i = from; i < from + count; i++)
        {
            lines.Append("{\"time\":\"2025-03-10T11:59:00Z\",\"ip\":\"10.")
                .Append((i >> 16) & 0xff).Append('.').Append((i >> 8) & 0xff).Append('.').Append(i & 0xff)
                .Append("\",\"method\":\"GET\",\"path\":\"/products\",\"status\":200,\"userAgent\":\"flood/1\"}\n");
        }

        using var response = await gateway.Client.PostEventsAsync(lines.ToString(), ApiCalls.Ndjson);
        await ApiCalls.ReadJsonAsync(response, HttpStatusCode.Accepted, $"flood from {from}");
        await ApiCalls.EventuallyAsync(
            () => Task.FromResult(gateway.Factory.Pipeline.Pending == 0),
            DrainBound,
            $"flood batch from {from} delivered");
    }

    private static long HeapAfterFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<JsonElement> StatsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/events/stats");
        return await ApiCalls.ReadJsonAsync(response, HttpStatusCode.OK, "GET /events/stats");
    }
}
