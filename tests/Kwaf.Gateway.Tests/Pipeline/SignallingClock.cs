using Microsoft.Extensions.Time.Testing;

namespace Kwaf.Gateway.Tests.Pipeline;

/// <summary>
/// A fake clock that says each time a timer is made on it, so that a test knows the dispatcher has started a wait
/// (a dispatch window, or a round's wait for its calls) before it moves the clock.
/// </summary>
internal sealed class SignallingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim _made = new(0);

    /// <summary>Completes when the next timer not yet waited for has been made.</summary>
    public Task NextWait => _made.WaitAsync();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _made.Release();
        return timer;
    }
}
