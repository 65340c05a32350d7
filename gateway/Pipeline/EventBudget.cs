namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// The number of events the pipeline may hold at once, waiting or in delivery. Takers get what is free without
/// waiting, and may wait for events to be returned; returns wake every waiter. Thread-safe.
/// </summary>
internal sealed class EventBudget
{
    private readonly int _capacity;
    private long _held;
    private TaskCompletionSource _returned = NewSignal();

    public EventBudget(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Events taken and not yet returned.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Takes up to <paramref name="wanted"/> events' worth of room; returns how many were granted.</summary>
    public int TryTake(int wanted)
    {
        while (true)
        {
            var held = Interlocked.Read(ref _held);
            var granted = (int)Math.Min(wanted, _capacity - held);
            if (granted <= 0)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _held, held + granted, held) == held)
            {
                return granted;
            }
        }
    }

    /// <summary>Gives back room for <paramref name="count"/> events and wakes whoever waits for it.</summary>
    public void Return(int count)
    {
        if (count <= 0)
        {
            return;
        }

        Interlocked.Add(ref _held, -count);
        Interlocked.Exchange(ref _returned, NewSignal()).TrySetResult();
    }

    /// <summary>Completes when some room has been returned since the call, or at once when room is free now.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var returned = Volatile.Read(ref _returned).Task;
        return Interlocked.Read(ref _held) < _capacity ? Task.CompletedTask : returned.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
