using System.Threading.Channels;
using Kwaf.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Grains.Tests.Audit;

public sealed class AuditWriterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAsync_ManyRecordsQueued_WritesThemInOneBatch()
    {
        var (writer, buffer, store, counters, _) = Create(batchSize: 1_000);
        for (var i = 0; i < 500; i++)
        {
            buffer.TryRecord(AuditTestData.Decision("203.0.113.7", i));
        }

        await writer.StartAsync(CancellationToken.None);
        var attempted = await store.Attempts.ReadAsync().AsTask().WaitAsync(Timeout);
        await writer.StopAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(500, attempted);
        var batch = Assert.Single(store.Batches);
        Assert.Equal(500, batch.Count);
        Assert.Equal(500, counters.Written);
    }

    [Fact]
    public async Task StartAsync_MoreThanBatchSize_SplitsIntoBatches()
    {
        var (writer, buffer, store, _, _) = Create(batchSize: 200);
        for (var i = 0; i < 450; i++)
        {
            buffer.TryRecord(AuditTestData.Decision("203.0.113.7", i));
        }

        await writer.StartAsync(CancellationToken.None);
        await writer.StopAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([200, 200, 50], store.Batches.Select(batch => batch.Count));
    }

    [Fact]
    public async Task WriteAsync_StoreDown_KeepsRecordsAndWritesAllWhenItReturns()
    {
        var (writer, buffer, store, counters, time) = Create(batchSize: 1_000);
        store.Failing = true;
        buffer.TryRecord(AuditTestData.Decision("203.0.113.7", 0));
        await writer.StartAsync(CancellationToken.None);
        await store.Attempts.ReadAsync().AsTask().WaitAsync(Timeout);
        var retryDelay = await time.Timers.ReadAsync().AsTask().WaitAsync(Timeout);
        for (var i = 1; i < 300; i++)
        {
            buffer.TryRecord(AuditTestData.Decision("203.0.113.7", i));
        }

        store.Failing = false;
        time.Fake.Advance(retryDelay);
        await store.Attempts.ReadAsync().AsTask().WaitAsync(Timeout);
        await writer.StopAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(TimeSpan.FromSeconds(1), retryDelay);
        Assert.Equal(1, counters.WriteFailures);
        Assert.Equal(300, counters.Written);
        Assert.Equal(300, store.Batches.Sum(batch => batch.Count));
        Assert.Equal(0, counters.Dropped);
    }

    [Fact]
    public async Task StopAsync_RecordsQueued_WritesThemBeforeReturning()
    {
        var (writer, buffer, store, counters, _) = Create(batchSize: 10);
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 95; i++)
        {
            buffer.TryRecord(AuditTestData.Decision("203.0.113.7", i));
        }

        await writer.StopAsync(CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(95, store.Batches.Sum(batch => batch.Count));
        Assert.Equal(95, counters.Written);
        Assert.False(buffer.TryRecord(AuditTestData.Decision("203.0.113.7", 99)));
        Assert.Equal(1, counters.Dropped);
    }

    private static (AuditWriter Writer, AuditBuffer Buffer, RecordingAuditStore Store, AuditCounters Counters,
        TestClock Time) Create(int batchSize)
    {
        var fake = new FakeTimeProvider(AuditTestData.T0);
        var time = new TestClock(fake, new TimerSignalingTimeProvider(fake));
        var options = AuditTestData.Options(capacity: 10_000, batchSize: batchSize);
        var counters = new AuditCounters();
        var buffer = new AuditBuffer(options, counters, fake, new RecordingLogger<AuditBuffer>());
        var store = new RecordingAuditStore();
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider()
            .GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var metrics = new AuditMetrics(meters, counters, buffer);
        var writer = new AuditWriter(
            buffer,
            store,
            counters,
            metrics,
            options,
            time.Signaling,
            new RecordingLogger<AuditWriter>());
        return (writer, buffer, store, counters, time);
    }

    private sealed record TestClock(FakeTimeProvider Fake, TimerSignalingTimeProvider Signaling)
    {
        public ChannelReader<TimeSpan> Timers => Signaling.Timers;
    }
}
