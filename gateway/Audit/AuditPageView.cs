namespace Kwaf.Gateway.Audit;

/// <summary>One page of the audit log, newest first; <paramref name="Next"/> is the cursor of the next page.</summary>
internal sealed record AuditPageView(IReadOnlyList<AuditRecordView> Items, string? Next);
