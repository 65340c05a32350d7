using Kwaf.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;

namespace Kwaf.Silo.Tests.Storage;

/// <summary>The bounded writer of grain state, with a fake clock and writes the test completes by hand.</summary>
public sealed class BoundedStateWriterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly StorageHealth _health = new(new TestMeterFactory(), NullLogger<StorageHealth>.Instance);

    [Fact]
    public async Task WriteBoundedAsync_StoreHangs_TimesOutAndStorageDegraded()
    {
        var writer = NewWriter();
        var hung = new TaskCompletionSource();

        var pending = writer.WriteBoundedAsync(() => hung.Task);
        _time.Advance(Timeout);
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StateWriteOutcome.TimedOut, result.Outcome);
        Assert.True(writer.IsWriting);
        Assert.True(_health.IsDegraded);
        Assert.Equal(1, _health.PendingWrites);
    }

    [Fact]
    public async Task WriteBoundedAsync_WhileEarlierWriteHangs_ReturnsBusyAtOnce()
    {
        var writer = NewWriter();
        var hung = new TaskCompletionSource();
        var first = writer.WriteBoundedAsync(() => hung.Task);
        _time.Advance(Timeout);
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        var started = false;

        var second = await writer.WriteBoundedAsync(() =>
        {
            started = true;
            return Task.CompletedTask;
        });

        Assert.Equal(StateWriteOutcome.Busy, second.Outcome);
        Assert.False(started);
    }

    [Fact]
    public async Task WriteBoundedAsync_AfterFailure_RetryWaitsForBackoffThenRecovers()
    {
        var writer = NewWriter();
        await writer.WriteBoundedAsync(() => Task.FromException(new InvalidOperationException("store down")));
        var dueAtOnce = writer.IsAttemptDue;
        _time.Advance(FirstRetry);
        var dueAfterBackoff = writer.IsAttemptDue;

        var result = await writer.WriteBoundedAsync(() => Task.CompletedTask);

        Assert.False(dueAtOnce);
        Assert.True(dueAfterBackoff);
        Assert.Equal(StateWriteOutcome.Written, result.Outcome);
        Assert.False(_health.IsDegraded);
        Assert.Equal(0, _health.PendingWrites);
        Assert.Equal(1, _health.WriteFailures);
    }

    [Fact]
    public async Task WriteBoundedAsync_VersionConflict_ReportsConflictNotFailure()
    {
        var writer = NewWriter();

        var result = await writer.WriteBoundedAsync(
            () => Task.FromException(new InconsistentStateException("stale", "2", "1")));

        Assert.Equal(StateWriteOutcome.Conflict, result.Outcome);
        Assert.False(_health.IsDegraded);
        Assert.Equal(0, _health.WriteFailures);
    }

    private BoundedStateWriter NewWriter() =>
        new("subjects", _health, _time, Timeout, FirstRetry, TimeSpan.FromMinutes(1));
}
