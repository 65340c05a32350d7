using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Kwaf.Gateway.Syslog;

/// <summary>
/// Counts what the syslog listener received, took, rejected (with reasons), refused and skipped, as metrics and as
/// totals for /events/stats. Totals are updated with Interlocked; the reason map is a concurrent dictionary whose
/// distinct keys are bounded like those of the ingestion counters.
/// </summary>
internal sealed class SyslogCounters
{
    /// <summary>Most distinct rejection reasons counted apart; later ones share "other".</summary>
    public const int MaxReasons = 100;

    private readonly Counter<long> _received;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _refused;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private long _receivedTotal;
    private long _acceptedTotal;
    private long _rejectedTotal;
    private long _refusedTotal;
    private long _oversizedTotal;
    private long _openConnections;
    private long _connectionsTotal;

    public SyslogCounters(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _received = meter.CreateCounter<long>("kwaf.syslog.messages.received", "{message}");
        _rejected = meter.CreateCounter<long>("kwaf.syslog.messages.rejected", "{message}");
        _refused = meter.CreateCounter<long>("kwaf.syslog.sources.refused", "{datagram}");
        meter.CreateObservableUpDownCounter(
            "kwaf.syslog.tcp.connections",
            () => Interlocked.Read(ref _openConnections),
            "{connection}");
    }

    public void Received()
    {
        Interlocked.Increment(ref _receivedTotal);
        _received.Add(1);
    }

    public void Accepted() => Interlocked.Increment(ref _acceptedTotal);

    public void Rejected(string field, string reason)
    {
        Interlocked.Increment(ref _rejectedTotal);
        var key = field + ": " + reason;
        key = _rejectedByReason.ContainsKey(key) || _rejectedByReason.Count < MaxReasons ? key : "other";
        _rejectedByReason.AddOrUpdate(key, 1, static (_, n) => n + 1);
        if (_rejected.Enabled)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>("field", field));
        }
    }

    /// <summary>A message over the size limit: counted as received, oversized and rejected.</summary>
    public void Oversized(int maxMessageBytes)
    {
        Received();
        Interlocked.Increment(ref _oversizedTotal);
        Rejected("message", $"longer than {maxMessageBytes} bytes");
    }

    public void RefusedSource()
    {
        Interlocked.Increment(ref _refusedTotal);
        _refused.Add(1);
    }

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref _openConnections);
        Interlocked.Increment(ref _connectionsTotal);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    public SyslogStats Snapshot() => new(
        Interlocked.Read(ref _receivedTotal),
        Interlocked.Read(ref _acceptedTotal),
        Interlocked.Read(ref _rejectedTotal),
        new SortedDictionary<string, long>(_rejectedByReason, StringComparer.Ordinal),
        Interlocked.Read(ref _refusedTotal),
        Interlocked.Read(ref _oversizedTotal),
        Interlocked.Read(ref _openConnections),
        Interlocked.Read(ref _connectionsTotal));
}
