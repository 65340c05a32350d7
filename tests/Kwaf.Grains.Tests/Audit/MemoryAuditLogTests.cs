using Kwaf.Grains.Audit;

namespace Kwaf.Grains.Tests.Audit;

public sealed class MemoryAuditLogTests
{
    [Fact]
    public Task ReadAsync_SeveralPages_ReturnsEveryRecordNewestFirst()
    {
        var log = new MemoryAuditLog(AuditTestData.Options());

        return AuditStoreScenarios.AssertPagesNewestFirstAsync(log, log);
    }

    [Fact]
    public Task ReadAsync_SubjectAndTimeFilters_ReturnsOnlyMatches()
    {
        var log = new MemoryAuditLog(AuditTestData.Options());

        return AuditStoreScenarios.AssertFiltersAsync(log, log);
    }

    [Fact]
    public Task ReadAsync_AfterAppend_ReturnsEveryField()
    {
        var log = new MemoryAuditLog(AuditTestData.Options());

        return AuditStoreScenarios.AssertFieldsRoundTripAsync(log, log);
    }

    [Fact]
    public async Task AppendAsync_OverCapacity_DropsOldestFirst()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions { MemoryCapacity = 100 });
        var log = new MemoryAuditLog(options);
        var records = Enumerable.Range(0, 120).Select(i => AuditTestData.Decision("203.0.113.7", i)).ToList();

        await log.AppendAsync(records, CancellationToken.None);

        var page = await log.ReadAsync(new AuditQuery(null, null, null, null, 1000, null), CancellationToken.None);
        Assert.Equal(100, log.Count);
        Assert.Equal(AuditTestData.T0.AddSeconds(20), page.Items[^1].At);
    }
}
