-- kwaf on PostgreSQL, script 003: the named queries the Orleans ADO.NET grain storage reads at silo start.
-- The provider looks the table up by the unquoted name OrleansQuery, which PostgreSQL folds to orleansquery,
-- with the columns QueryKey and QueryText. Every query yields at most one row in total. Parameters arrive as
-- @Name: ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString (NULL for plain keys),
-- GrainStateVersion (NULL when the caller has never read a row) and PayloadBinary.
-- Re-running the script replaces the texts with the same texts.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey VARCHAR(64) NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Write: update when the caller holds the stored version, or insert version 1 when the caller has none.
-- A stale version, or an insert that loses to an existing row, returns no row: the provider reports a
-- version conflict (InconsistentStateException) and the stored state is left as it was.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'WriteToStorageKey',
    'WITH updated AS
    (
        UPDATE kwaf_grain_state
        SET payload = @PayloadBinary,
            version = version + 1,
            modified_at = NOW()
        WHERE service_id = @ServiceId
            AND grain_type = @GrainTypeString
            AND grain_id_n0 = @GrainIdN0
            AND grain_id_n1 = @GrainIdN1
            AND grain_id_extension = COALESCE(@GrainIdExtensionString, '''')
            AND version = @GrainStateVersion
        RETURNING version
    ),
    inserted AS
    (
        INSERT INTO kwaf_grain_state
        (
            service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version, modified_at
        )
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
            @PayloadBinary, 1, NOW()
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT ON CONSTRAINT kwaf_grain_state_pkey DO NOTHING
        RETURNING version
    )
    SELECT version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT version AS NewGrainStateVersion FROM inserted;'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey',
    'SELECT payload AS PayloadBinary, version AS Version
    FROM kwaf_grain_state
    WHERE service_id = @ServiceId
        AND grain_type = @GrainTypeString
        AND grain_id_n0 = @GrainIdN0
        AND grain_id_n1 = @GrainIdN1
        AND grain_id_extension = COALESCE(@GrainIdExtensionString, '''');'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clear keeps the row with an empty payload, so the version keeps counting and a stale writer still
-- conflicts. Clearing a state that was never written inserts an empty row at version 1.
INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ClearStorageKey',
    'WITH updated AS
    (
        UPDATE kwaf_grain_state
        SET payload = NULL,
            version = version + 1,
            modified_at = NOW()
        WHERE service_id = @ServiceId
            AND grain_type = @GrainTypeString
            AND grain_id_n0 = @GrainIdN0
            AND grain_id_n1 = @GrainIdN1
            AND grain_id_extension = COALESCE(@GrainIdExtensionString, '''')
            AND version = @GrainStateVersion
        RETURNING version
    ),
    inserted AS
    (
        INSERT INTO kwaf_grain_state
        (
            service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version, modified_at
        )
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
            NULL, 1, NOW()
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT ON CONSTRAINT kwaf_grain_state_pkey DO NOTHING
        RETURNING version
    )
    SELECT version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT version AS NewGrainStateVersion FROM inserted;'
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
