namespace Kwaf.Grains.Audit;

/// <summary>Appends audit records durably, many per round trip.</summary>
internal interface IAuditStore
{
    /// <summary>Appends the records in one round trip where the store allows; all or nothing.</summary>
    /// <param name="records">The records, oldest first.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the records are stored.</returns>
    Task AppendAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken);
}
