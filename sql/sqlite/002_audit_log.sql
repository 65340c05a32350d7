-- kwaf audit log in the embedded store: the same columns as PostgreSQL's kwaf_audit_log, with times as Unix
-- microseconds (INTEGER) and signals as JSON text. Append-only. Re-running does nothing.
CREATE TABLE IF NOT EXISTS kwaf_audit_log (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    record_kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    decision_id TEXT NULL,
    decision TEXT NULL,
    origin TEXT NULL,
    previous_level TEXT NULL,
    level TEXT NULL,
    score REAL NULL,
    signals TEXT NOT NULL DEFAULT '[]',
    expires INTEGER NULL,
    cause TEXT NULL,
    actor TEXT NULL
);

CREATE INDEX IF NOT EXISTS ix_kwaf_audit_log_at ON kwaf_audit_log (at DESC, sequence DESC);
CREATE INDEX IF NOT EXISTS ix_kwaf_audit_log_subject
    ON kwaf_audit_log (subject_kind, subject_id, at DESC, sequence DESC);
