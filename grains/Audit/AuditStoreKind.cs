namespace Kwaf.Grains.Audit;

/// <summary>Where the audit log is kept.</summary>
internal enum AuditStoreKind
{
    /// <summary>Beside the grain state: PostgreSQL, the embedded SQLite file, or memory, per
    /// <c>Kwaf:Storage:Provider</c>.</summary>
    Auto = 0,

    /// <summary>A bounded in-process log; lost when the process stops.</summary>
    Memory = 1,

    /// <summary>The table <c>kwaf_audit_log</c> in the embedded SQLite file.</summary>
    Sqlite = 2,

    /// <summary>The table <c>kwaf_audit_log</c> in PostgreSQL (<c>ConnectionStrings:Postgres</c>).</summary>
    PostgreSql = 3,
}
