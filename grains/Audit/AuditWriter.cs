using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Audit;

/// <summary>
/// Drains the <see cref="AuditBuffer"/> into the <see cref="IAuditStore"/> in batches, off the grains' path. A
/// failed write keeps its batch and is retried with exponential backoff (<see cref="AuditOptions.RetryMinDelay"/> to
/// <see cref="AuditOptions.RetryMaxDelay"/>) for as long as the store is down; meanwhile the buffer keeps taking
/// records up to its capacity. Runs from silo stage ApplicationServices; on a clean stop, which comes after the
/// grains have deactivated, it closes the buffer and writes everything queued. If the stop is cancelled first (the
/// silo's shutdown timeout), the records still queued are lost and their number is logged as an error.
/// </summary>
internal sealed partial class AuditWriter : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly AuditBuffer _buffer;
    private readonly IAuditStore _store;
    private readonly AuditCounters _counters;
    private readonly AuditOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AuditWriter> _logger;
    private readonly CancellationTokenSource _abort = new();

    // Owned by the loop; read by StopAsync only after the loop has ended.
    private readonly List<AuditRecord> _batch = [];
    private Task _loop = Task.CompletedTask;

    public AuditWriter(
        AuditBuffer buffer,
        IAuditStore store,
        AuditCounters counters,
        AuditMetrics metrics,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider,
        ILogger<AuditWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        _buffer = buffer;
        _store = store;
        _counters = counters;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(AuditWriter), ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);
    }

    /// <summary>Starts the drain loop.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.WriterStarted(_logger, _store.GetType().Name, _options.BufferCapacity, _options.BatchSize);
        _loop = Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Closes the buffer and waits until everything queued is written, or until cancelled.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Close();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync();
            await _loop;
        }

        var lost = _batch.Count + _buffer.Count;
        if (lost > 0)
        {
            Log.RecordsLostAtShutdown(_logger, lost);
        }

        _buffer.ReportDrops();
        _abort.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reader = _buffer.Reader;
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                while (_batch.Count < _options.BatchSize && reader.TryRead(out var record))
                {
                    _batch.Add(record);
                }

                await WriteWithRetryAsync(cancellationToken);
                _batch.Clear();
                _buffer.ReportDrops();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stop was cancelled; StopAsync counts and logs what is left.
        }
        catch (Exception exception)
        {
            Log.WriterFaulted(_logger, _batch.Count + _buffer.Count, exception);
        }
    }

    private async Task WriteWithRetryAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        var delay = _options.RetryMinDelay;
        while (true)
        {
            try
            {
                await _store.AppendAsync(_batch, cancellationToken);
                _counters.AddWritten(_batch.Count);
                if (failures > 0)
                {
                    Log.WriteRecovered(_logger, failures, _batch.Count);
                }

                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                failures++;
                _counters.AddWriteFailure();
                Log.WriteFailed(_logger, failures, _batch.Count, _buffer.Count, delay, exception);
            }

            await Task.Delay(delay, _timeProvider, cancellationToken);
            delay = delay * 2 < _options.RetryMaxDelay ? delay * 2 : _options.RetryMaxDelay;
        }
    }
}
