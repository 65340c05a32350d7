namespace Kwaf.Grains.Audit;

/// <summary>
/// Where grains hand audit records. Cheap and synchronous: it only enqueues, never waits on a database.
/// </summary>
internal interface IAuditSink
{
    /// <summary>Enqueues a record for the writer.</summary>
    /// <param name="record">The record.</param>
    /// <returns>False when the buffer was full and the record was dropped (counted and logged).</returns>
    bool TryRecord(AuditRecord record);
}
