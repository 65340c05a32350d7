using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Grains.Tests.Audit;

/// <summary>
/// A fake clock that announces each timer created on it (Task.Delay creates one), so that a test advances the clock
/// only once the code under test is waiting on it.
/// </summary>
internal sealed class TimerSignalingTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The due time of each timer created, in order.</summary>
    public ChannelReader<TimeSpan> Timers => _timers.Reader;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }
}
