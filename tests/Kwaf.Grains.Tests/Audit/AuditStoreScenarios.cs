using Kwaf.Grains.Audit;

namespace Kwaf.Grains.Tests.Audit;

/// <summary>The behaviors every audit store must show, run by each store's test class.</summary>
internal static class AuditStoreScenarios
{
    /// <summary>Five decisions for 203.0.113.7 (seconds 0-4) and two lifts for user u-1001 (seconds 1 and 3).</summary>
    public static async Task AppendSampleAsync(IAuditStore store)
    {
        var records = new List<AuditRecord>();
        for (var i = 0; i < 5; i++)
        {
            records.Add(AuditTestData.Decision("203.0.113.7", i));
        }

        records.Add(AuditTestData.Lift("u-1001", "alice", 1));
        records.Add(AuditTestData.Lift("u-1001", "bob", 3));
        await store.AppendAsync(records, CancellationToken.None);
    }

    public static async Task<List<AuditPage>> ReadAllPagesAsync(IAuditReader reader, AuditQuery first)
    {
        var pages = new List<AuditPage>();
        var query = first;
        while (true)
        {
            var page = await reader.ReadAsync(query, CancellationToken.None);
            pages.Add(page);
            if (page.Next is null || pages.Count > 100)
            {
                return pages;
            }

            query = query with { After = page.Next };
        }
    }

    public static async Task AssertPagesNewestFirstAsync(IAuditStore store, IAuditReader reader)
    {
        await AppendSampleAsync(store);

        var pages = await ReadAllPagesAsync(reader, new AuditQuery(null, null, null, null, 3, null));

        Assert.Equal([3, 3, 1], pages.Select(page => page.Items.Count));
        var all = pages.SelectMany(page => page.Items).ToList();
        Assert.Equal([4, 3, 3, 2, 1, 1, 0], all.Select(record => (int)(record.At - AuditTestData.T0).TotalSeconds));
        Assert.Equal(7, all.Select(record => record.Sequence).Distinct().Count());
        Assert.Null(pages[^1].Next);
    }

    public static async Task AssertFiltersAsync(IAuditStore store, IAuditReader reader)
    {
        await AppendSampleAsync(store);

        var byIp = await reader.ReadAsync(
            new AuditQuery(
                AuditTarget.Ip,
                "203.0.113.7",
                AuditTestData.T0.AddSeconds(1),
                AuditTestData.T0.AddSeconds(4),
                50,
                null),
            CancellationToken.None);
        var byUser = await reader.ReadAsync(
            new AuditQuery(AuditTarget.User, "u-1001", null, null, 50, null),
            CancellationToken.None);

        Assert.Equal([3, 2, 1], byIp.Items.Select(record => (int)(record.At - AuditTestData.T0).TotalSeconds));
        Assert.All(byIp.Items, record => Assert.Equal(AuditRecordKind.Decision, record.Kind));
        Assert.Equal(["bob", "alice"], byUser.Items.Select(record => record.Actor));
    }

    public static async Task AssertFieldsRoundTripAsync(IAuditStore store, IAuditReader reader)
    {
        var written = AuditTestData.Decision("2001:db8::7", 12);
        await store.AppendAsync([written, AuditTestData.Lift("u-1001", "alice", 13)], CancellationToken.None);

        var page = await reader.ReadAsync(
            new AuditQuery(AuditTarget.Ip, "2001:db8::7", null, null, 10, null),
            CancellationToken.None);

        var read = Assert.Single(page.Items);
        Assert.True(read.Sequence > 0);
        Assert.Equal(written with { Sequence = read.Sequence, Signals = read.Signals }, read);
        Assert.Equal(written.Signals, read.Signals);
    }
}
