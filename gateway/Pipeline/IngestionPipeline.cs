using System.Collections.Concurrent;
using System.Threading.Channels;
using Kwaf.Events;
using Kwaf.Grains.Subjects;
using Kwaf.Subjects;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// Carries accepted events to the subject grains. Senders add events to a buffer and return at once; one dispatcher
/// lets them gather for <see cref="PipelineOptions.DispatchWindow"/>, drains what is there, groups it by subject
/// (client IP and user id) and sends each subject one call with all of its events, in order. A round waits for its
/// calls, so that events arriving meanwhile batch into the next round, but only while they keep completing: once
/// <see cref="PipelineOptions.MaxRoundWait"/> passes with none completed, a subject whose call is still out (its
/// activation waits on a locked or slow store) is left to finish on its own, and the next events for that subject are
/// sent only after it, so each subject still sees its events in the order they were accepted while every other
/// subject goes on. Events held in any form, waiting or in delivery, never exceed
/// <see cref="PipelineOptions.BufferCapacity"/>.
/// </summary>
internal sealed partial class IngestionPipeline : BackgroundService
{
    private readonly Channel<HttpEvent> _buffer;
    private readonly EventBudget _budget;
    private readonly SubjectGrains _grains;
    private readonly SubjectRouting _routing;
    private readonly TimeProvider _time;
    private readonly IngestionCounters _counters;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly PipelineOptions _options;
    private readonly object _flushGate = new();

    // Cancelled when stopping begins, so that a dispatch window in progress ends and the drain starts at once. Never
    // disposed: it holds no timer, and a host may stop the pipeline again after disposing it.
    private readonly CancellationTokenSource _stopping = new();

    // The co-hosted silo's count of active subjects (null in client mode), asked before a call so that new keys at
    // the cap are folded without an activation each.
    private readonly ActiveSubjects? _localSubjects;

    // Calls a round stopped waiting for, by subject: the next call for the subject goes after its slow one.
    private readonly ConcurrentDictionary<SubjectKey, Task> _slowSubjects = new();

    // A round's events by subject and its calls, kept from round to round (the dispatcher sends one round at a time).
    private readonly Dictionary<SubjectKey, List<HttpEvent>> _bySubject = [];
    private (SubjectKey Key, Task Call)[] _calls = [];
    private long _enqueued;
    private long _completed;
    private TaskCompletionSource? _drained;

    public IngestionPipeline(
        SubjectGrains grains,
        SubjectRouting routing,
        IngestionCounters counters,
        IOptions<PipelineOptions> options,
        TimeProvider time,
        ILogger<IngestionPipeline> logger,
        ActiveSubjects? localSubjects = null)
    {
        _localSubjects = localSubjects;
        _grains = grains;
        _routing = routing;
        _time = time;
        _counters = counters;
        _logger = logger;
        _options = options.Value;
        _budget = new EventBudget(_options.BufferCapacity);

        // Unbounded as a channel: the budget bounds it, counting events in delivery as well as those waiting.
        _buffer = Channel.CreateUnbounded<HttpEvent>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>Events accepted but not yet delivered to their grains.</summary>
    public long Pending => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _completed);

    /// <summary>
    /// Adds events, waiting up to <see cref="PipelineOptions.FullBufferWait"/> for room. Returns how many were
    /// taken; the rest are counted as dropped.
    /// </summary>
    public async ValueTask<int> TryEnqueueAsync(IReadOnlyList<HttpEvent> events, CancellationToken cancellationToken)
    {
        var taken = Write(events, 0);
        if (taken < events.Count && _options.FullBufferWait > TimeSpan.Zero)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.FullBufferWait);
            while (taken < events.Count && await WaitForRoomAsync(deadline.Token))
            {
                taken = Write(events, taken);
            }
        }

        return Dropped(events.Count, taken);
    }

    /// <summary>
    /// Adds what fits now without waiting (for senders that must not block, such as a datagram listener). Returns how
    /// many were taken; the rest are counted as dropped.
    /// </summary>
    public int TryEnqueue(IReadOnlyList<HttpEvent> events) => Dropped(events.Count, Write(events, 0));

    private int Dropped(int count, int taken)
    {
        if (taken < count)
        {
            _counters.Dropped(count - taken);
            Log.BufferFull(_logger, count - taken);
        }

        return taken;
    }

    private int Write(IReadOnlyList<HttpEvent> events, int from)
    {
        var granted = _budget.TryTake(events.Count - from);
        var written = 0;

        // The unbounded channel refuses a write only once shutdown has completed it: the rest count as dropped.
        while (written < granted && _buffer.Writer.TryWrite(events[from + written]))
        {
            written++;
        }

        _budget.Return(granted - written);
        Interlocked.Add(ref _enqueued, written);
        return from + written;
    }

    /// <summary>
    /// Adds one event without waiting, for senders that must never stall (the syslog listener, the mirror endpoint).
    /// Returns false when the buffer is full; the event is then counted as dropped.
    /// </summary>
    public bool TryEnqueue(HttpEvent evt)
    {
        if (_budget.TryTake(1) == 0)
        {
            _counters.Dropped(1);
            return false;
        }

        if (!_buffer.Writer.TryWrite(evt))
        {
            _budget.Return(1);
            _counters.Dropped(1);
            return false;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    /// <summary>Adds events, waiting as long as it takes for room (replay applies back-pressure this way).</summary>
    public async ValueTask EnqueueAsync(HttpEvent evt, CancellationToken cancellationToken)
    {
        while (_budget.TryTake(1) == 0)
        {
            await _budget.WaitForRoomAsync(cancellationToken);
        }

        if (!_buffer.Writer.TryWrite(evt))
        {
            _budget.Return(1);
            throw new InvalidOperationException("The ingestion pipeline is shutting down.");
        }

        Interlocked.Increment(ref _enqueued);
    }

    /// <summary>Completes when every event accepted before the call has been delivered to its grains.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_flushGate)
        {
            if (Pending == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Stops taking events and delivers every event already accepted before returning, so that an event answered
    /// 202 is not lost on a clean shutdown. Hosted services stop in reverse order of registration and the pipeline is
    /// registered after the co-hosted silo, so the silo still serves while the buffer drains. The host's shutdown
    /// timeout bounds the wait.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Log.DrainAbandoned(_logger, Pending);
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var round = new List<HttpEvent>(Math.Min(_options.MaxEventsPerDispatch, 16_384));
        while (await WaitForEventsAsync(stoppingToken))
        {
            await GatherAsync();
            round.Clear();
            while (round.Count < _options.MaxEventsPerDispatch && _buffer.Reader.TryRead(out var evt))
            {
                round.Add(evt);
            }

            try
            {
                await DispatchAsync(round);
            }
            catch (Exception ex)
            {
                // A round that fails as a whole is counted and logged; the dispatcher must outlive it, since a
                // background service that throws stops the whole gateway, checks included.
                _counters.DispatchFailed(round.Count);
                Log.RoundFailed(_logger, ex, round.Count);
                Complete(round.Count);
            }
        }

        // Calls left to finish on their own are part of the drain on shutdown.
        await Task.WhenAll(_slowSubjects.Values).ConfigureAwait(false);
    }

    /// <summary>Marks <paramref name="count"/> events as delivered (or failed, counted) and frees their room.</summary>
    private void Complete(int count)
    {
        Interlocked.Add(ref _completed, count);
        _budget.Return(count);
        SignalIfDrained();
    }

    private async ValueTask<bool> WaitForRoomAsync(CancellationToken deadline)
    {
        try
        {
            await _budget.WaitForRoomAsync(deadline);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async ValueTask<bool> WaitForEventsAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await _buffer.Reader.WaitToReadAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Lets events close behind the first waiting one join its round (<see cref="PipelineOptions.DispatchWindow"/>),
    /// unless a full round is held already (waiting, or still out in calls a round left as slow).
    /// </summary>
    private async ValueTask GatherAsync()
    {
        if (_options.DispatchWindow <= TimeSpan.Zero || Pending >= _options.MaxEventsPerDispatch)
        {
            return;
        }

        try
        {
            await Task.Delay(_options.DispatchWindow, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is waiting goes at once.
        }
    }

    private void SignalIfDrained()
    {
        lock (_flushGate)
        {
            if (_drained is not null && Pending == 0)
            {
                _drained.TrySetResult();
                _drained = null;
            }
        }
    }
}
