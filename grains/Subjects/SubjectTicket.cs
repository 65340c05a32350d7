namespace Kwaf.Grains.Subjects;

/// <summary>
/// One active subject's place in its silo's <see cref="SubjectTickSchedule"/>, and what the schedule may read of the
/// subject without calling it: from when it has work pending and from when it may be idle.
/// </summary>
/// <remarks>
/// The grain writes the fields in its turn; the schedule reads them from its own thread. A stale read delays a tick
/// by one period at most, or costs one call that finds nothing to do.
/// </remarks>
internal sealed class SubjectTicket
{
    private long _workFromUtcTicks = long.MaxValue;
    private long _idleFromUtcTicks = long.MaxValue;
    private volatile bool _cancelled;
    private int _ticking;

    /// <summary>Creates the ticket of one activation.</summary>
    /// <param name="subject">The activation to call when its tick is due.</param>
    public SubjectTicket(ISubjectTicking subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        Subject = subject;
    }

    /// <summary>The activation to call.</summary>
    public ISubjectTicking Subject { get; }

    /// <summary>
    /// The instant (by the host's clock) from which the subject has something to write, publish or retry:
    /// <see cref="DateTimeOffset.MinValue"/> for now, later while a failed write backs off,
    /// <see cref="DateTimeOffset.MaxValue"/> when it has nothing.
    /// </summary>
    public DateTimeOffset WorkFrom
    {
        get => Read(ref _workFromUtcTicks);
        set => Volatile.Write(ref _workFromUtcTicks, value.UtcTicks);
    }

    /// <summary>Whether the activation is gone: the schedule drops the ticket at its next slot.</summary>
    public bool IsCancelled => _cancelled;

    /// <summary>Whether a tick of this subject is still running.</summary>
    public bool IsTicking => Volatile.Read(ref _ticking) != 0;

    /// <summary>
    /// The instant (by the host's clock) from which the subject may be idle and should be asked whether it leaves
    /// memory; <see cref="DateTimeOffset.MaxValue"/> when it never needs asking.
    /// </summary>
    public DateTimeOffset IdleFrom
    {
        get => Read(ref _idleFromUtcTicks);
        set => Volatile.Write(ref _idleFromUtcTicks, value.UtcTicks);
    }

    /// <summary>Takes the subject out of the schedule for good.</summary>
    public void Cancel() => _cancelled = true;

    /// <summary>Whether a tick is due at <paramref name="now"/>: work is pending or the subject may be idle.</summary>
    /// <param name="now">The host's clock.</param>
    /// <returns>True when the subject should be called.</returns>
    public bool IsDue(DateTimeOffset now) => now >= WorkFrom || now >= IdleFrom;

    /// <summary>Marks a tick as started; false when one is still running.</summary>
    internal bool TryStartTick() => Interlocked.CompareExchange(ref _ticking, 1, 0) == 0;

    /// <summary>Marks the running tick as finished.</summary>
    internal void EndTick() => Volatile.Write(ref _ticking, 0);

    private static DateTimeOffset Read(ref long utcTicks)
    {
        var ticks = Volatile.Read(ref utcTicks);
        return ticks == long.MaxValue ? DateTimeOffset.MaxValue : new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
