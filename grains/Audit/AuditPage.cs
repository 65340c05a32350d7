namespace Kwaf.Grains.Audit;

/// <summary>One page of the audit log, newest first.</summary>
/// <param name="Items">The records.</param>
/// <param name="Next">Where the next page starts, or null when this is the last.</param>
internal sealed record AuditPage(IReadOnlyList<AuditRecord> Items, AuditCursor? Next);
