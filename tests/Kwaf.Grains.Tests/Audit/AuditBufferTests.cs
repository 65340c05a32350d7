using Kwaf.Grains.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Grains.Tests.Audit;

public sealed class AuditBufferTests
{
    [Fact]
    public void TryRecord_BufferFull_CountsEveryDropAndWarnsOnce()
    {
        var counters = new AuditCounters();
        var logger = new RecordingLogger<AuditBuffer>();
        var buffer = new AuditBuffer(AuditTestData.Options(capacity: 100), counters, new FakeTimeProvider(), logger);

        var accepted = 0;
        for (var i = 0; i < 105; i++)
        {
            accepted += buffer.TryRecord(AuditTestData.Decision("203.0.113.7", i)) ? 1 : 0;
        }

        Assert.Equal(100, accepted);
        Assert.Equal(5, counters.Dropped);
        Assert.Equal(100, buffer.Count);
        var warning = Assert.Single(logger.Entries, entry => entry.EventName == "AuditRecordsDropped");
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Fact]
    public void ReportDrops_IntervalPassed_WarnsWithDropsSinceLastWarning()
    {
        var time = new FakeTimeProvider();
        var counters = new AuditCounters();
        var logger = new RecordingLogger<AuditBuffer>();
        var buffer = new AuditBuffer(AuditTestData.Options(capacity: 100), counters, time, logger);
        for (var i = 0; i < 103; i++)
        {
            buffer.TryRecord(AuditTestData.Decision("203.0.113.7", i));
        }

        time.Advance(TimeSpan.FromSeconds(10));
        buffer.ReportDrops();

        var warnings = logger.Entries.Where(entry => entry.EventName == "AuditRecordsDropped").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith(
            "Audit buffer full or closed: 2 records dropped",
            warnings[1].Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void TryRecord_Accepted_StampsRecordedAtFromClock()
    {
        var time = new FakeTimeProvider(AuditTestData.T0.AddHours(3));
        var logger = new RecordingLogger<AuditBuffer>();
        var buffer = new AuditBuffer(AuditTestData.Options(), new AuditCounters(), time, logger);

        buffer.TryRecord(AuditTestData.Decision("203.0.113.7"));

        Assert.True(buffer.Reader.TryRead(out var record));
        Assert.Equal(AuditTestData.T0.AddHours(3), record.RecordedAt);
    }
}
