-- kwaf on PostgreSQL, script 002: the table that holds Orleans grain state (storages "subjects" and
-- "decisions"). Guarded, so a re-run does nothing.
--
-- The provider splits a grain id into two 64-bit halves and an extension string; kwaf keys carry a non-hex
-- prefix ("ip:", "u:") so that no two keys fold onto the same halves. The extension is stored as '' rather
-- than NULL because a primary key column cannot be NULL; with the key below, two racing first writes of one
-- grain cannot both insert: the second inserts nothing and reports a version conflict.

CREATE TABLE IF NOT EXISTS kwaf_grain_state
(
    service_id TEXT NOT NULL,
    grain_type TEXT NOT NULL,
    grain_id_n0 BIGINT NOT NULL,
    grain_id_n1 BIGINT NOT NULL,
    grain_id_extension TEXT NOT NULL,
    payload BYTEA NULL,
    version INTEGER NOT NULL,
    modified_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT kwaf_grain_state_pkey
        PRIMARY KEY (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension)
);
