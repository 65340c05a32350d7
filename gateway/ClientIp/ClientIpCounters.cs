using System.Diagnostics.Metrics;

namespace Kwaf.Gateway.ClientIp;

/// <summary>
/// Counts events and checks that a trusted proxy sent without naming a client kwaf can believe, as metrics
/// (<c>kwaf.events.unattributed</c>, <c>kwaf.checks.unattributed</c>) and as totals for /events/stats. A count that
/// grows means a proxy is listed as trusted but does not pass the configured forwarded header. Totals are updated
/// with Interlocked.
/// </summary>
internal sealed class ClientIpCounters
{
    private readonly Counter<long> _unattributedEvents;
    private readonly Counter<long> _unattributedChecks;
    private long _unattributedEventsTotal;
    private long _unattributedChecksTotal;

    public ClientIpCounters(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _unattributedEvents = meter.CreateCounter<long>(
            "kwaf.events.unattributed",
            "{event}",
            "Events from a trusted proxy that named no client; counted for no IP.");
        _unattributedChecks = meter.CreateCounter<long>(
            "kwaf.checks.unattributed",
            "{check}",
            "Checks from a trusted proxy that named no client; answered for the user alone.");
    }

    /// <summary>An accepted event reached no IP subject.</summary>
    public void UnattributedEvent()
    {
        Interlocked.Increment(ref _unattributedEventsTotal);
        _unattributedEvents.Add(1);
    }

    /// <summary>A check was answered without a client address.</summary>
    public void UnattributedCheck()
    {
        Interlocked.Increment(ref _unattributedChecksTotal);
        _unattributedChecks.Add(1);
    }

    public ClientIpStats Snapshot() => new(
        Interlocked.Read(ref _unattributedEventsTotal),
        Interlocked.Read(ref _unattributedChecksTotal));
}
