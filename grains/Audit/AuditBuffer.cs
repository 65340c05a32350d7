using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kwaf.Grains.Audit;

/// <summary>
/// The bounded queue between the grains and the <see cref="AuditWriter"/>. Enqueueing never blocks: when the queue
/// is full the record is dropped, counted and reported in a warning at most once per
/// <see cref="AuditOptions.OverflowLogInterval"/> (each warning gives the drops since the last one).
/// </summary>
internal sealed partial class AuditBuffer : IAuditSink
{
    private const long NeverLogged = long.MinValue;

    private readonly Channel<AuditRecord> _channel;
    private readonly AuditCounters _counters;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<AuditBuffer> _logger;
    private readonly TimeSpan _logInterval;
    private readonly int _capacity;

    // Guarded by Interlocked: the timestamp of the last overflow warning and the drop total it reported.
    private long _lastWarningTimestamp = NeverLogged;
    private long _droppedAtLastWarning;

    public AuditBuffer(
        IOptions<AuditOptions> options,
        AuditCounters counters,
        TimeProvider timeProvider,
        ILogger<AuditBuffer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.BufferCapacity;
        _logInterval = options.Value.OverflowLogInterval;
        _counters = counters;
        _timeProvider = timeProvider;
        _logger = logger;

        // Wait mode makes TryWrite answer false when full, so that a drop is seen and counted here; no writer waits.
        _channel = Channel.CreateBounded<AuditRecord>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Records waiting for the writer.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>The writer's end.</summary>
    internal ChannelReader<AuditRecord> Reader => _channel.Reader;

    /// <inheritdoc />
    public bool TryRecord(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_channel.Writer.TryWrite(record with { RecordedAt = _timeProvider.GetUtcNow() }))
        {
            return true;
        }

        _counters.AddDropped();
        ReportDrops();
        return false;
    }

    /// <summary>Refuses further records (they are counted as dropped); the writer drains what is queued.</summary>
    public void Close() => _channel.Writer.TryComplete();

    /// <summary>Logs a warning with the drops not yet reported, unless one was logged within the interval.</summary>
    public void ReportDrops()
    {
        var total = _counters.Dropped;
        if (total == Interlocked.Read(ref _droppedAtLastWarning))
        {
            return;
        }

        var now = _timeProvider.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTimestamp);
        if ((last != NeverLogged && _timeProvider.GetElapsedTime(last, now) < _logInterval)
            || Interlocked.CompareExchange(ref _lastWarningTimestamp, now, last) != last)
        {
            return;
        }

        var reported = Interlocked.Exchange(ref _droppedAtLastWarning, total);
        Log.RecordsDropped(_logger, total - reported, total, _capacity);
    }
}
