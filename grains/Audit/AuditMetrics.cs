using System.Diagnostics.Metrics;

namespace Kwaf.Grains.Audit;

/// <summary>
/// The audit feature's instruments on meter <c>Kwaf.Audit</c>: <c>kwaf.audit.dropped</c>, <c>kwaf.audit.written</c>
/// and <c>kwaf.audit.write_failures</c> (observable counters) and <c>kwaf.audit.pending</c> (records in the buffer).
/// All are observed from running totals, so recording costs nothing on the grains' path.
/// </summary>
internal sealed class AuditMetrics
{
    public const string MeterName = "Kwaf.Audit";

    public AuditMetrics(IMeterFactory meterFactory, AuditCounters counters, AuditBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(buffer);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter(
            "kwaf.audit.dropped",
            () => counters.Dropped,
            "{record}",
            "Audit records dropped because the buffer was full or closed.");
        meter.CreateObservableCounter(
            "kwaf.audit.written",
            () => counters.Written,
            "{record}",
            "Audit records stored.");
        meter.CreateObservableCounter(
            "kwaf.audit.write_failures",
            () => counters.WriteFailures,
            "{failure}",
            "Failed audit write attempts; the records stay buffered and are retried.");
        meter.CreateObservableGauge(
            "kwaf.audit.pending",
            () => buffer.Count,
            "{record}",
            "Audit records waiting in the buffer.");
    }
}
