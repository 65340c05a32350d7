using System.Threading.Channels;
using Kwaf.Events;
using Microsoft.Extensions.Options;

namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// Carries accepted events to the subject grains. Senders add events to a bounded buffer and return at once; one
/// dispatcher drains what is there, groups it by subject (client IP and user id) and sends each subject one call with
/// all of its events, in order. Rounds run one after another, so one subject's events reach it in the order they
/// were accepted, and a grain sees the same sequence however the events were batched on the way in.
/// </summary>
internal sealed partial class IngestionPipeline : BackgroundService
{
    private readonly Channel<HttpEvent> _buffer;
    private readonly IGrainFactory _grains;
    private readonly IngestionCounters _counters;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly PipelineOptions _options;
    private readonly object _flushGate = new();
    private long _enqueued;
    private long _completed;
    private TaskCompletionSource? _drained;

    public IngestionPipeline(
        IGrainFactory grains,
        IngestionCounters counters,
        IOptions<PipelineOptions> options,
        ILogger<IngestionPipeline> logger)
    {
        _grains = grains;
        _counters = counters;
        _logger = logger;
        _options = options.Value;
        _buffer = Channel.CreateBounded<HttpEvent>(new BoundedChannelOptions(_options.BufferCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Events accepted but not yet delivered to their grains.</summary>
    public long Pending => Interlocked.Read(ref _enqueued) - Interlocked.Read(ref _completed);

    /// <summary>
    /// Adds events, waiting up to <see cref="PipelineOptions.FullBufferWait"/> for room. Returns how many were
    /// taken; the rest are counted as dropped.
    /// </summary>
    public async ValueTask<int> TryEnqueueAsync(IReadOnlyList<HttpEvent> events, CancellationToken cancellationToken)
    {
        var taken = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.FullBufferWait);
        for (; taken < events.Count; taken++)
        {
            if (!_buffer.Writer.TryWrite(events[taken]) && !await WaitToWriteAsync(events[taken], deadline.Token))
            {
                break;
            }

            Interlocked.Increment(ref _enqueued);
        }

        if (taken < events.Count)
        {
            _counters.Dropped(events.Count - taken);
            Log.BufferFull(_logger, events.Count - taken);
        }

        return taken;
    }

    /// <summary>
    /// Adds one event without waiting, for senders that must never stall (the syslog listener, the mirror endpoint).
    /// Returns false when the buffer is full; the event is then counted as dropped.
    /// </summary>
    public bool TryEnqueue(HttpEvent evt)
    {
        if (!_buffer.Writer.TryWrite(evt))
        {
            _counters.Dropped(1);
            return false;
        }

        Interlocked.Increment(ref _enqueued);
        return true;
    }

    /// <summary>Adds events, waiting as long as it takes for room (replay applies back-pressure this way).</summary>
    public async ValueTask EnqueueAsync(HttpEvent evt, CancellationToken cancellationToken)
    {
        await _buffer.Writer.WriteAsync(evt, cancellationToken);
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
            }

            Interlocked.Add(ref _completed, round.Count);
            SignalIfDrained();
        }
    }

    private async ValueTask<bool> WaitToWriteAsync(HttpEvent evt, CancellationToken deadline)
    {
        try
        {
            while (await _buffer.Writer.WaitToWriteAsync(deadline))
            {
                if (_buffer.Writer.TryWrite(evt))
                {
                    return true;
                }
            }

            return false;
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
