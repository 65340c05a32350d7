-- kwaf embedded store, script 001: grain state for the Orleans ADO.NET persistence provider.
-- Safe to run again: every statement is guarded. The initializer records the script in kwaf_schema_version
-- inside the same transaction, so a script is either fully applied and recorded, or neither.

CREATE TABLE IF NOT EXISTS kwaf_schema_version
(
    script_name TEXT NOT NULL PRIMARY KEY,
    applied_at TEXT NOT NULL
);

-- One row per grain state. The provider hands over the grain id split into two 64-bit halves plus an
-- extension string; string keys that look like hex numbers are parsed into the halves, which is why kwaf
-- keys carry a non-hex prefix ("ip:", "u:"). The extension is stored as '' instead of NULL because SQLite
-- treats NULLs in a primary key as distinct, which would let two racing first writes both insert.
CREATE TABLE IF NOT EXISTS orleans_storage
(
    service_id TEXT NOT NULL,
    grain_type_string TEXT NOT NULL,
    grain_id_n0 INTEGER NOT NULL,
    grain_id_n1 INTEGER NOT NULL,
    grain_id_extension_string TEXT NOT NULL,
    payload_binary BLOB NULL,
    version INTEGER NOT NULL,
    modified_on TEXT NOT NULL,
    PRIMARY KEY (service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_extension_string)
);

-- The provider reads its queries from this table by a fixed, unquoted name and fixed column names, so
-- this one table keeps the provider's spelling.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Write: an update when the caller holds the stored version, otherwise a first insert when the caller
-- has no version. At most one of the two statements returns a row; no row means a version conflict.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'WriteToStorageKey',
    'UPDATE orleans_storage
    SET payload_binary = @PayloadBinary,
        version = version + 1,
        modified_on = STRFTIME(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
    WHERE service_id = @ServiceId
        AND grain_type_string = @GrainTypeString
        AND grain_id_n0 = @GrainIdN0
        AND grain_id_n1 = @GrainIdN1
        AND grain_id_extension_string = COALESCE(@GrainIdExtensionString, '''')
        AND @GrainStateVersion IS NOT NULL
        AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;

    INSERT INTO orleans_storage
    (
        service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_extension_string,
        payload_binary, version, modified_on
    )
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
        @PayloadBinary, 1, STRFTIME(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version AS NewGrainStateVersion;'
);

INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey',
    'SELECT payload_binary AS PayloadBinary, version AS Version
    FROM orleans_storage
    WHERE service_id = @ServiceId
        AND grain_type_string = @GrainTypeString
        AND grain_id_n0 = @GrainIdN0
        AND grain_id_n1 = @GrainIdN1
        AND grain_id_extension_string = COALESCE(@GrainIdExtensionString, '''');'
);

-- Clear keeps the row and empties the payload, so the version keeps counting and a stale writer still
-- conflicts. Clearing a state that was never written inserts an empty row at version 1.
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ClearStorageKey',
    'UPDATE orleans_storage
    SET payload_binary = NULL,
        version = version + 1,
        modified_on = STRFTIME(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
    WHERE service_id = @ServiceId
        AND grain_type_string = @GrainTypeString
        AND grain_id_n0 = @GrainIdN0
        AND grain_id_n1 = @GrainIdN1
        AND grain_id_extension_string = COALESCE(@GrainIdExtensionString, '''')
        AND @GrainStateVersion IS NOT NULL
        AND version = @GrainStateVersion
    RETURNING version AS NewGrainStateVersion;

    INSERT INTO orleans_storage
    (
        service_id, grain_type_string, grain_id_n0, grain_id_n1, grain_id_extension_string,
        payload_binary, version, modified_on
    )
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
        NULL, 1, STRFTIME(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version AS NewGrainStateVersion;'
);
