namespace Kwaf.Grains.Audit;

/// <summary>What to read from the audit log. Filters combine with AND; null means no filter.</summary>
/// <param name="SubjectKind"><c>ip</c> or <c>user</c>, together with <paramref name="SubjectId"/>, or null.</param>
/// <param name="SubjectId">The canonical address or the user id.</param>
/// <param name="Since">Records at or after this instant.</param>
/// <param name="Until">Records before this instant.</param>
/// <param name="Limit">Most records on the page, at least 1.</param>
/// <param name="After">Where the previous page ended, or null for the first page.</param>
internal sealed record AuditQuery(
    string? SubjectKind,
    string? SubjectId,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    int Limit,
    AuditCursor? After)
{
    /// <summary>Whether <paramref name="record"/> passes the filters and comes after the cursor.</summary>
    public bool Matches(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (SubjectKind is null
                || (string.Equals(record.SubjectKind, SubjectKind, StringComparison.Ordinal)
                    && string.Equals(record.SubjectId, SubjectId, StringComparison.Ordinal)))
            && (Since is null || record.At >= Since)
            && (Until is null || record.At < Until)
            && (After is null || After.Value.Precedes(record));
    }
}
