-- kwaf on PostgreSQL, script 001: the record of applied scripts.
-- The migration runner creates this table itself before it reads it (the same statement as below), so the
-- statement here only documents the table and does nothing on a database the runner has prepared.
-- checksum is the lowercase hex SHA-256 of the script text with line endings normalized to LF.

CREATE TABLE IF NOT EXISTS kwaf_schema_migrations
(
    script_name TEXT NOT NULL PRIMARY KEY,
    checksum TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
