using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Kwaf.Gateway.ClientIp;
using Kwaf.Gateway.Ingestion;
using Kwaf.Gateway.Limits;
using Kwaf.Gateway.Syslog;

namespace Kwaf.Gateway.Pipeline;

/// <summary>
/// Counts every event ingestion accepted, rejected (with its reason) or dropped, as metrics and as totals that the
/// stats endpoint shows, so that nothing is lost without a trace.
/// </summary>
internal sealed class IngestionCounters
{
    public const string MeterName = "Kwaf.Ingestion";

    /// <summary>Most distinct rejection reasons counted apart.</summary>
    public const int MaxReasons = 200;

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _invalidEncoding;
    private readonly Counter<long> _clockSkewClamped;
    private readonly Counter<long> _folded;
    private readonly Counter<long> _unrated;
    private readonly ConcurrentDictionary<string, long> _rejectedByReason = new(StringComparer.Ordinal);
    private long _acceptedTotal;
    private long _rejectedTotal;
    private long _droppedTotal;
    private long _dispatchedTotal;
    private long _dispatchFailuresTotal;
    private long _slowDeliveriesTotal;
    private long _invalidEncodingTotal;
    private long _clockSkewClampedTotal;
    private long _foldedTotal;
    private long _unratedTotal;

    public IngestionCounters(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>("kwaf.ingest.events.accepted", "{event}");
        _rejected = meter.CreateCounter<long>("kwaf.ingest.events.rejected", "{event}");
        _dropped = meter.CreateCounter<long>("kwaf.ingest.events.dropped", "{event}");
        _invalidEncoding = meter.CreateCounter<long>("kwaf.ingest.events.invalid_encoding", "{event}");
        _clockSkewClamped = meter.CreateCounter<long>("kwaf.ingest.events.clock_skew_clamped", "{event}");
        _folded = meter.CreateCounter<long>("kwaf.ingest.events.folded", "{event}");
        _unrated = meter.CreateCounter<long>("kwaf.ingest.events.unrated", "{event}");
        Syslog = new SyslogCounters(meter);
        ClientIp = new ClientIpCounters(meter);
        Limits = new LimitCounters(meter);
    }

    /// <summary>What the syslog listener received and refused, before and beside the event counts above.</summary>
    public SyslogCounters Syslog { get; }

    /// <summary>Events and checks that a trusted proxy sent without naming a client.</summary>
    public ClientIpCounters ClientIp { get; }
    /// <summary>Requests refused and fields cut by the input limits.</summary>
    public LimitCounters Limits { get; }

    public void Accepted(int count)
    {
        Interlocked.Add(ref _acceptedTotal, count);
        _accepted.Add(count);
    }

    public void Rejected(string field, string reason)
    {
        Interlocked.Increment(ref _rejectedTotal);
        _rejectedByReason.AddOrUpdate(ReasonKey(field, reason), 1, static (_, n) => n + 1);
        if (_rejected.Enabled)
        {
            _rejected.Add(1, new KeyValuePair<string, object?>("field", field));
        }
    }

    /// <summary>
    /// The key a rejection is counted under: its field and reason without the location
    /// (<see cref="Rejection.CountingKey"/>), until <see cref="MaxReasons"/> distinct keys exist; past that, new ones
    /// share "other", so that no sender can make the table grow without bound.
    /// </summary>
    private string ReasonKey(string field, string reason)
    {
        var key = Rejection.CountingKey(field, reason);
        return _rejectedByReason.ContainsKey(key) || _rejectedByReason.Count < MaxReasons ? key : "other";
    }

    public void Dropped(int count)
    {
        Interlocked.Add(ref _droppedTotal, count);
        _dropped.Add(count);
    }

    /// <summary>Accepted events held bytes that were not valid UTF-8 (kept as escapes or U+FFFD).</summary>
    public void InvalidEncoding(int count = 1)
    {
        Interlocked.Add(ref _invalidEncodingTotal, count);
        _invalidEncoding.Add(count);
    }

    /// <summary>Accepted events were stamped ahead of the clock, within the skew, and clamped to now.</summary>
    public void ClockSkewClamped(int count = 1)
    {
        Interlocked.Add(ref _clockSkewClampedTotal, count);
        _clockSkewClamped.Add(count);
    }

    /// <summary>
    /// Events whose own subject had no room on its silo (the cap on active subjects) and that were rated by the
    /// network aggregate of their address, or, for a user id, by their client IP alone.
    /// </summary>
    public void Folded(int count)
    {
        Interlocked.Add(ref _foldedTotal, count);
        _folded.Add(count);
    }

    /// <summary>Events that neither their subject nor its aggregate had room for: delivered, counted nowhere.</summary>
    public void Unrated(int count)
    {
        Interlocked.Add(ref _unratedTotal, count);
        _unrated.Add(count);
    }

    public void Dispatched(int count) => Interlocked.Add(ref _dispatchedTotal, count);

    public void DispatchFailed(int count) => Interlocked.Add(ref _dispatchFailuresTotal, count);

    /// <summary>Subject calls that outlasted a round's wait and were left to finish on their own.</summary>
    public void SlowDeliveries(int count) => Interlocked.Add(ref _slowDeliveriesTotal, count);

    public IngestionStats Snapshot(long pending, SubjectCapacityStats? subjects) => new(
        Interlocked.Read(ref _acceptedTotal),
        Interlocked.Read(ref _rejectedTotal),
        Interlocked.Read(ref _droppedTotal),
        Interlocked.Read(ref _dispatchedTotal),
        Interlocked.Read(ref _dispatchFailuresTotal),
        Interlocked.Read(ref _slowDeliveriesTotal),
        pending,
        Interlocked.Read(ref _invalidEncodingTotal),
        Interlocked.Read(ref _clockSkewClampedTotal),
        Interlocked.Read(ref _foldedTotal),
        Interlocked.Read(ref _unratedTotal),
        subjects,
        new SortedDictionary<string, long>(_rejectedByReason, StringComparer.Ordinal),
        Syslog.Snapshot(),
        ClientIp.Snapshot(),
        Limits.Snapshot());
}
