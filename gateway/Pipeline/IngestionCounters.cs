using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// Counts every event ingestion accepted, rejected (with its reason) or dropped, as metrics and as totals that the
/// stats endpoint shows, so that nothing is lost without a trace.
/// </summary>
internal sealed class IngestionCounters
{
    public const string MeterName = "Kwaf.Ingestion";

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _dropped;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private long _acceptedTotal;
    private long _rejectedTotal;
    private long _droppedTotal;
    private long _dispatchedTotal;
    private long _dispatchFailuresTotal;

    public IngestionCounters(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("kwaf.ingest.events.accepted", "{event}");
        _rejected = meter.CreateCounter<long>("kwaf.ingest.events.rejected", "{event}");
        _dropped = meter.CreateCounter<long>("kwaf.ingest.events.dropped", "{event}");
    }

    public void Accepted(int count)
    {
        Interlocked.Add(ref _acceptedTotal, count);
        _accepted.Add(count);
    }

    public void Rejected(string field, string reason)
    {
        Interlocked.Increment(ref _rejectedTotal);
        _rejectedByReason.AddOrUpdate(field + ": " + reason, 1, static (_, n) => n + 1);
        if (_rejected.Enabled)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>("field", field));
        }
    }

    public void Dropped(int count)
    {
        Interlocked.Add(ref _droppedTotal, count);
        _dropped.Add(count);
    }

    public void Dispatched(int count) => Interlocked.Add(ref _dispatchedTotal, count);

    public void DispatchFailed(int count) => Interlocked.Add(ref _dispatchFailuresTotal, count);

    public IngestionStats Snapshot(long pending) => new(
        Interlocked.Read(ref _acceptedTotal),
        Interlocked.Read(ref _rejectedTotal),
        Interlocked.Read(ref _droppedTotal),
        Interlocked.Read(ref _dispatchedTotal),
        Interlocked.Read(ref _dispatchFailuresTotal),
        pending,
        new SortedDictionary<string, long>(_rejectedByReason, StringComparer.Ordinal));
}
