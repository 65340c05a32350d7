using Kwaf.Decisions;
using Kwaf.Grains.Index;
using Kwaf.Index;
using Kwaf.Ratings;

namespace Kwaf.Grains.Tests.Index;

public sealed class RiskIndexTableTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static RiskIndexEntry Entry(string kind, string id, double score) =>
        new(kind, id, score, RiskLevel.High, DecisionKind.Throttle, At);

    [Fact]
    public void GetPage_MixedEntries_SortedByScoreThenKindThenId()
    {
        var table = new RiskIndexTable(capacity: 10);
        table.Upsert(Entry("user", "bob", 70));
        table.Upsert(Entry("ip", "192.0.2.2", 70));
        table.Upsert(Entry("ip", "192.0.2.1", 70));
        table.Upsert(Entry("user", "eve", 90));

        var page = table.GetPage(null, 0, 10, null);

        Assert.Equal(["eve", "192.0.2.1", "192.0.2.2", "bob"], Ids(page));
        Assert.Null(page.Next);
    }

    [Fact]
    public void Upsert_Full_EvictsLowestScore()
    {
        var table = new RiskIndexTable(capacity: 2);
        table.Upsert(Entry("ip", "a", 50));
        table.Upsert(Entry("ip", "b", 80));

        var evicted = table.Upsert(Entry("ip", "c", 65));

        Assert.Equal("a", evicted?.Id);
        Assert.Equal(["b", "c"], Ids(table.GetPage(null, 0, 10, null)));
    }

    [Fact]
    public void Upsert_FullAndNewEntryLowest_NewEntryEvicted()
    {
        var table = new RiskIndexTable(capacity: 2);
        table.Upsert(Entry("ip", "a", 50));
        table.Upsert(Entry("ip", "b", 80));

        var evicted = table.Upsert(Entry("ip", "c", 40));

        Assert.Equal("c", evicted?.Id);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Upsert_ExistingSubject_ReplacesEntry()
    {
        var table = new RiskIndexTable(capacity: 10);
        table.Upsert(Entry("ip", "a", 50));

        table.Upsert(Entry("ip", "a", 95));

        var only = Assert.Single(table.GetPage(null, 0, 10, null).Items);
        Assert.Equal(95, only.Score);
    }

    [Fact]
    public void GetPage_CursorAfterInsertBeforeIt_NextPageUnshifted()
    {
        var table = new RiskIndexTable(capacity: 10);
        table.Upsert(Entry("ip", "a", 90));
        table.Upsert(Entry("ip", "b", 80));
        table.Upsert(Entry("ip", "c", 70));
        table.Upsert(Entry("ip", "d", 60));
        var first = table.GetPage(null, 0, 2, null);
        table.Upsert(Entry("ip", "z", 99));
        table.Upsert(Entry("ip", "b", 85));

        var second = table.GetPage(null, 0, 2, RiskIndexCursor.Decode(first.Next!));

        Assert.Equal(["a", "b"], Ids(first));
        Assert.Equal(["c", "d"], Ids(second));
        Assert.Null(second.Next);
    }

    [Fact]
    public void GetPage_CursorEntryRemoved_ContinuesAfterItsPosition()
    {
        var table = new RiskIndexTable(capacity: 10);
        table.Upsert(Entry("ip", "a", 90));
        table.Upsert(Entry("ip", "b", 80));
        table.Upsert(Entry("ip", "c", 70));
        var first = table.GetPage(null, 0, 1, null);
        table.Remove("ip", "a");

        var second = table.GetPage(null, 0, 5, RiskIndexCursor.Decode(first.Next!));

        Assert.Equal(["b", "c"], Ids(second));
    }

    [Fact]
    public void GetPage_KindAndMinScore_FiltersBoth()
    {
        var table = new RiskIndexTable(capacity: 10);
        table.Upsert(Entry("ip", "a", 90));
        table.Upsert(Entry("user", "u1", 85));
        table.Upsert(Entry("user", "u2", 60));
        table.Upsert(Entry("user", "u3", 30));

        var page = table.GetPage("user", 60, 10, null);

        Assert.Equal(["u1", "u2"], Ids(page));
    }

    [Fact]
    public void GetPage_ExactlyLimitLeft_NoNextCursor()
    {
        var table = new RiskIndexTable(capacity: 10);
        table.Upsert(Entry("ip", "a", 90));
        table.Upsert(Entry("ip", "b", 80));

        var page = table.GetPage(null, 0, 2, null);

        Assert.Equal(2, page.Items.Count);
        Assert.Null(page.Next);
    }

    [Fact]
    public void Cursor_UserIdWithSeparator_RoundTrips()
    {
        var entry = Entry("user", "a|b|c", 72.125);

        var probe = RiskIndexCursor.Decode(RiskIndexCursor.Encode(entry));

        Assert.Equal(("user", "a|b|c", 72.125), (probe.Kind, probe.Id, probe.Score));
    }

    private static List<string> Ids(RiskPage page)
    {
        var ids = new List<string>();
        foreach (var item in page.Items)
        {
            ids.Add(item.Id);
        }

        return ids;
    }
}
