using Kwaf.Decisions;
using Kwaf.Grains.Tests.TestCluster;
using Kwaf.Index;
using Kwaf.Ratings;

namespace Kwaf.Grains.Tests.Index;

[Collection(ClusterCollection.Name)]
public sealed class RiskIndexGrainTests(ClusterFixture fixture)
{
    // Each test uses its own index activation (a fresh key) so tests do not see each other's entries.
    private IRiskIndexGrain NewIndex() =>
        fixture.GrainFactory.GetGrain<IRiskIndexGrain>(Random.Shared.NextInt64(1_000, long.MaxValue));

    private RiskIndexEntry Entry(string id, double score, RiskLevel level, DecisionKind decision) =>
        new("ip", id, score, level, decision, fixture.Time.GetUtcNow());

    [Fact]
    public async Task UpdateAsync_LevelOkWithoutDecision_RemovesEntry()
    {
        var index = NewIndex();
        await index.UpdateAsync(Entry("192.0.2.1", 70, RiskLevel.High, DecisionKind.Throttle));
        await index.UpdateAsync(Entry("192.0.2.2", 65, RiskLevel.High, DecisionKind.Throttle));

        await index.UpdateAsync(Entry("192.0.2.1", 10, RiskLevel.Ok, DecisionKind.Allow));

        var page = await index.GetPageAsync(null, 0, 10, null);
        Assert.Equal("192.0.2.2", Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task UpdateAsync_LevelOkWithBlock_KeepsEntry()
    {
        var index = NewIndex();

        await index.UpdateAsync(Entry("192.0.2.3", 20, RiskLevel.Ok, DecisionKind.Block));

        var page = await index.GetPageAsync("ip", 0, 10, null);
        Assert.Single(page.Items);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task GetPageAsync_LimitOutOfRange_Throws(int limit)
    {
        var index = NewIndex();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => index.GetPageAsync(null, 0, limit, null));
    }

    [Fact]
    public async Task GetPageAsync_CursorAcrossCalls_ReturnsNextPage()
    {
        var index = NewIndex();
        await index.UpdateAsync(Entry("192.0.2.10", 90, RiskLevel.Critical, DecisionKind.Block));
        await index.UpdateAsync(Entry("192.0.2.11", 80, RiskLevel.Critical, DecisionKind.Block));
        await index.UpdateAsync(Entry("192.0.2.12", 70, RiskLevel.High, DecisionKind.Throttle));
        var first = await index.GetPageAsync(null, 0, 2, null);

        var second = await index.GetPageAsync(null, 0, 2, first.Next);

        Assert.Equal("192.0.2.12", Assert.Single(second.Items).Id);
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Deactivation_UnflushedUpdates_Persisted()
    {
        var index = NewIndex();
        var entry = Entry("192.0.2.20", 75, RiskLevel.High, DecisionKind.Throttle);
        await index.UpdateAsync(entry);

        await fixture.Cluster.DeactivateAsync(index);
        var page = await index.GetPageAsync(null, 0, 10, null);

        Assert.Equal([entry], page.Items);
    }
}
