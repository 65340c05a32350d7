using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Subjects;

/// <summary>
/// One clock for the periodic work of every subject grain of a silo, in place of a timer per activation: each active
/// subject holds a <see cref="SubjectTicket"/> that comes round once every <see cref="Period"/>
/// (<c>Kwaf:Persistence:WriteInterval</c>), and the subject is called (<see cref="ISubjectTicking.TickAsync"/>) only
/// when its ticket says it has work pending or may have been idle long enough to leave memory. A quiet subject
/// costs a list entry and a check per period; a timer each cost about half a kilobyte, and .NET's timer queue walks
/// all of them three times a second, which at a million subjects took a fifth of a core while nothing happened.
/// </summary>
/// <remarks>
/// The tickets live in a wheel of slots of <see cref="Resolution"/>, driven by one timer on real time; whether a
/// subject is idle or done backing off is judged by the host's clock, as the subject itself judges it. At most
/// <see cref="MaxTicksInFlight"/> calls run at once: when more subjects are due (a burst of new subjects all writing
/// their first state), the rest wait in order until calls are free, so a slow store sees a steady stream of writes
/// rather than all of them at once. A subject whose tick is still running when its ticket comes round again is not
/// called twice. A ticket cancelled on deactivation leaves at its next slot; a call already started for it may reach
/// the grain after it left, and activates it again (see <see cref="SubjectGrain"/>, which leaves at once when that
/// happens).
/// </remarks>
internal sealed partial class SubjectTickSchedule : IDisposable
{
    /// <summary>The most subject ticks that run at once.</summary>
    public const int MaxTicksInFlight = 256;

    private static readonly TimeSpan FinestResolution = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CoarsestResolution = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<SubjectTicket>[] _slots;
    private readonly List<SubjectTicket> _due = [];
    private readonly List<SubjectTicket> _again = [];
    private readonly TimeProvider _clock;
    private readonly TimeProvider _host;
    private readonly ILogger _logger;
    private readonly long _start;
    private readonly int _periodSlots;
    private readonly Action<Task, object?> _onTickEnded;
    private readonly Action<SubjectTickSchedule> _startTurn;
    private readonly Queue<SubjectTicket> _deferred = new();
    private ITimer? _timer;
    private long _nextSlot;
    private int _inFlight;
    private int _turning;
    private int _turnRequested;
    private int _deferredCount;
    private int _count;
    private long _ticks;
    private bool _disposed;

    /// <summary>Creates the schedule of one silo; its timer starts with the first ticket.</summary>
    /// <param name="options">The write interval, which is the schedule's period.</param>
    /// <param name="clock">The clock that drives the wheel (real time on a silo).</param>
    /// <param name="host">The host's clock, by which idleness is judged.</param>
    /// <param name="logger">Where failed ticks are reported.</param>
    public SubjectTickSchedule(
        IOptions<PersistenceOptions> options,
        TimeProvider clock,
        TimeProvider host,
        ILogger<SubjectTickSchedule> logger)
        : this(options, clock, host, logger, QueueTurn)
    {
    }

    /// <summary>Creates a schedule whose turns are started by <paramref name="startTurn"/>.</summary>
    /// <param name="options">The write interval, which is the schedule's period.</param>
    /// <param name="clock">The clock that drives the wheel.</param>
    /// <param name="host">The host's clock, by which idleness is judged.</param>
    /// <param name="logger">Where failed ticks are reported.</param>
    /// <param name="startTurn">Runs a turn; the public constructor queues it to the thread pool.</param>
    internal SubjectTickSchedule(
        IOptions<PersistenceOptions> options,
        TimeProvider clock,
        TimeProvider host,
        ILogger<SubjectTickSchedule> logger,
        Action<SubjectTickSchedule> startTurn)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(host);
        Period = options.Value.WriteInterval;
        Resolution = ResolutionOf(Period);
        _clock = clock;
        _host = host;
        _logger = logger;
        _periodSlots = Math.Max(1, (int)(Period / Resolution));
        _slots = new List<SubjectTicket>[_periodSlots + 1];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = [];
        }

        _start = clock.GetTimestamp();
        _onTickEnded = OnTickEnded;
        _startTurn = startTurn;
    }

    /// <summary>How often each ticket comes round: the write interval, rounded down to whole slots.</summary>
    public TimeSpan Period { get; }

    /// <summary>The width of one slot of the wheel: an eighth of the period, from 100 ms to 1 s.</summary>
    public TimeSpan Resolution { get; }

    /// <summary>Tickets in the schedule, cancelled ones included until their slot comes.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Subject ticks started since the silo started.</summary>
    public long TicksStarted => Interlocked.Read(ref _ticks);

    /// <summary>The slot width for a period.</summary>
    /// <param name="period">The period.</param>
    /// <returns>An eighth of it, from 100 ms to 1 s.</returns>
    public static TimeSpan ResolutionOf(TimeSpan period) =>
        TimeSpan.FromTicks(Math.Clamp(period.Ticks / 8, FinestResolution.Ticks, CoarsestResolution.Ticks));

    /// <summary>
    /// Puts a ticket in the schedule; it first comes round after <paramref name="delay"/> (at most one period), then
    /// every period until it is cancelled.
    /// </summary>
    /// <param name="ticket">The ticket of a newly active subject.</param>
    /// <param name="delay">Until its first round.</param>
    public void Add(SubjectTicket ticket, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_timer is null)
            {
                _nextSlot = CurrentSlot();

                // Not the creating grain's execution context: the timer's calls come from no grain.
                using (ExecutionContext.SuppressFlow())
                {
                    _timer = _clock.CreateTimer(
                        static schedule => ((SubjectTickSchedule)schedule!).RequestTurn(),
                        this,
                        Resolution,
                        Resolution);
                }
            }

            Place(ticket, delay);
            Interlocked.Increment(ref _count);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>
    /// Calls the deferred tickets first, as far as calls are free, then visits every slot that has come since the
    /// last turn; overlapping turns leave it to the first.
    /// </summary>
    internal void Turn()
    {
        Volatile.Write(ref _turnRequested, 0);
        if (Volatile.Read(ref _disposed) || Interlocked.Exchange(ref _turning, 1) != 0)
        {
            return;
        }

        try
        {
            var now = _host.GetUtcNow();
            while (_deferred.Count > 0 && Volatile.Read(ref _inFlight) < MaxTicksInFlight)
            {
                // First deferred, first called; the rest of the queue is not looked at.
                Visit(_deferred.Dequeue(), now);
            }

            TakeDue();
            foreach (var ticket in _due)
            {
                Visit(ticket, now);
            }

            lock (_gate)
            {
                // A period after the slot just visited, which is the one before the next.
                _slots[(_nextSlot - 1 + _periodSlots) % _slots.Length].AddRange(_again);
            }

            Volatile.Write(ref _deferredCount, _deferred.Count);
        }
        finally
        {
            _due.Clear();
            _again.Clear();
            Volatile.Write(ref _turning, 0);
        }

        // Calls that ended while this turn ran asked for a turn this one absorbed.
        RequestTurnIfCallsAreFree();
    }

    /// <summary>
    /// Starts a turn unless one is already asked for. The turn runs apart from the timer's callback, so that it
    /// reads the clocks when it runs: a clock moved by a large step is seen at its new time, not at each step between.
    /// </summary>
    private void RequestTurn()
    {
        if (Interlocked.Exchange(ref _turnRequested, 1) == 0)
        {
            _startTurn(this);
        }
    }

    /// <summary>Deferred subjects need not wait for the next slot once half the calls are free again.</summary>
    private void RequestTurnIfCallsAreFree()
    {
        if (Volatile.Read(ref _deferredCount) > 0 && Volatile.Read(ref _inFlight) < MaxTicksInFlight / 2)
        {
            RequestTurn();
        }
    }

    private static void QueueTurn(SubjectTickSchedule schedule) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Turn(), schedule, preferLocal: false);

    private void TakeDue()
    {
        lock (_gate)
        {
            var current = CurrentSlot();
            for (; _nextSlot <= current; _nextSlot++)
            {
                var slot = _slots[_nextSlot % _slots.Length];
                _due.AddRange(slot);
                slot.Clear();
            }
        }
    }

    private void Visit(SubjectTicket ticket, DateTimeOffset now)
    {
        if (ticket.IsCancelled)
        {
            Interlocked.Decrement(ref _count);
            return;
        }

        if (ticket.IsDue(now) && !ticket.IsTicking)
        {
            if (Volatile.Read(ref _inFlight) >= MaxTicksInFlight)
            {
                _deferred.Enqueue(ticket);
                return;
            }

            Start(ticket);
        }

        _again.Add(ticket);
    }

    private void Start(SubjectTicket ticket)
    {
        if (!ticket.TryStartTick())
        {
            return;
        }

        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _ticks);
        Task tick;
        try
        {
            tick = ticket.Subject.TickAsync();
        }
        catch (Exception exception)
        {
            tick = Task.FromException(exception);
        }

        tick.ContinueWith(
            _onTickEnded,
            ticket,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnTickEnded(Task tick, object? state)
    {
        ((SubjectTicket)state!).EndTick();
        Interlocked.Decrement(ref _inFlight);
        RequestTurnIfCallsAreFree();

        if (tick.Exception is { } exception)
        {
            // A subject that failed its tick tries again next period; its own failures (a store that does not
            // answer) are logged by the subject. What reaches here is a call that did not arrive: a silo stopping,
            // an activation leaving.
            Log.TickFailed(_logger, exception.InnerException ?? exception);
        }
    }

    private long CurrentSlot() => (long)(_clock.GetElapsedTime(_start) / Resolution);

    /// <summary>Puts a ticket in the slot <paramref name="delay"/> from the next one; caller holds the gate.</summary>
    private void Place(SubjectTicket ticket, TimeSpan delay)
    {
        var ahead = Math.Clamp((long)(delay / Resolution), 0, _periodSlots);
        _slots[(_nextSlot + ahead) % _slots.Length].Add(ticket);
    }
}
