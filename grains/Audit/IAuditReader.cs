namespace Kwaf.Grains.Audit;

/// <summary>Reads the audit log back, newest first, one page at a time.</summary>
internal interface IAuditReader
{
    /// <summary>Reads one page.</summary>
    /// <param name="query">Filters, page size and where the previous page ended.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken cancellationToken);
}
