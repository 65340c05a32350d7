namespace Kwaf.Grains.Audit;

/// <summary>
/// Running totals of the audit feature since the host started. Updated with Interlocked by the buffer (any thread)
/// and the writer (its loop); read by metrics and tests.
/// </summary>
internal sealed class AuditCounters
{
    private long _dropped;
    private long _written;
    private long _writeFailures;

    /// <summary>Records refused because the buffer was full or closed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Records stored.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Failed write attempts (each retry of a batch counts).</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    public long AddDropped() => Interlocked.Increment(ref _dropped);

    public void AddWritten(int count) => Interlocked.Add(ref _written, count);

    public void AddWriteFailure() => Interlocked.Increment(ref _writeFailures);
}
