-- SuperConvergence schema version 2 (SQLite): grain state for Orleans' ADO.NET grain storage, embedded mode.
--
-- Same design as the PostgreSQL version 2 (see there). Version 1, cluster membership, has no SQLite form:
-- an embedded silo uses in-process localhost clustering.
--
-- SQLite has no data-modifying WITH, so the write is two statements; each is atomic on its own and at most
-- one of them can change a row (the first needs an ETag, the second needs none), so they need no transaction.
--
-- Run by hand: (echo 'BEGIN IMMEDIATE;'; cat 0002_orleans_grain_storage.sql; echo 'COMMIT;') | sqlite3 -bail FILE

CREATE TABLE IF NOT EXISTS sc_schema_version
(
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    grain_type_hash INTEGER NOT NULL,
    grain_key_hash  INTEGER NOT NULL,
    service_id      TEXT    NOT NULL,
    grain_type      TEXT    NOT NULL,
    grain_key_n0    INTEGER NOT NULL,
    grain_key_n1    INTEGER NOT NULL,
    grain_key_ext   TEXT    NOT NULL,
    payload         BLOB    NULL,
    version         INTEGER NOT NULL,
    modified_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (grain_type_hash, grain_key_hash, service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', '
SELECT payload AS PayloadBinary,
       version AS Version
FROM orleans_grain_state
WHERE grain_type_hash = @GrainTypeHash AND grain_key_hash = @GrainIdHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '''')
'),

('WriteToStorageKey', '
UPDATE orleans_grain_state
SET payload = @PayloadBinary, version = version + 1, modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE grain_type_hash = @GrainTypeHash AND grain_key_hash = @GrainIdHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion;

INSERT INTO orleans_grain_state
    (grain_type_hash, grain_key_hash, service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext, payload, version)
SELECT @GrainTypeHash, @GrainIdHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
       coalesce(@GrainIdExtensionString, ''''), @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
'),

('ClearStorageKey', '
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE grain_type_hash = @GrainTypeHash AND grain_key_hash = @GrainIdHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '''')
  AND version = @GrainStateVersion
RETURNING version AS NewGrainStateVersion
')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO sc_schema_version (version, name) VALUES (2, 'orleans_grain_storage') ON CONFLICT (version) DO NOTHING;
