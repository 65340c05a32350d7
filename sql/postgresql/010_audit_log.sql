-- kwaf audit log: every policy decision, level change and manual action, appended in batches by the silo's audit
-- writer (binary COPY). Append-only; "sequence" orders records written at the same instant. Re-running does nothing.
CREATE TABLE IF NOT EXISTS kwaf_audit_log (
    sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    record_kind TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    decision_id TEXT NULL,
    decision TEXT NULL,
    origin TEXT NULL,
    previous_level TEXT NULL,
    level TEXT NULL,
    score DOUBLE PRECISION NULL,
    signals JSONB NOT NULL DEFAULT '[]'::jsonb,
    expires TIMESTAMPTZ NULL,
    cause TEXT NULL,
    actor TEXT NULL
);

-- GET /audit reads newest first, either all subjects or one subject, optionally between two instants.
CREATE INDEX IF NOT EXISTS ix_kwaf_audit_log_at ON kwaf_audit_log (at DESC, sequence DESC);
CREATE INDEX IF NOT EXISTS ix_kwaf_audit_log_subject
    ON kwaf_audit_log (subject_kind, subject_id, at DESC, sequence DESC);
