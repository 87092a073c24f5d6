-- SuperConvergence schema version 2 (PostgreSQL): grain state for Orleans' ADO.NET grain storage.
--
-- A state row is identified by service, grain type and grain key (two 64-bit halves plus an optional string
-- part). Orleans also sends 32-bit hashes of the type and the key; they lead the primary key so lookups stay
-- narrow. The row's version is the state's ETag: a write or clear succeeds only from the version the grain
-- holds, and then moves it on. A write that matches nothing returns no row, which Orleans reports to the
-- grain as an InconsistentStateException.
--
-- Run by hand: psql --single-transaction -v ON_ERROR_STOP=1 -f 0002_orleans_grain_storage.sql "CONN"

CREATE TABLE IF NOT EXISTS sc_schema_version
(
    version    integer     NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- grain_key_ext is '' when the key has no string part: a key column must not be NULL to be unique.
CREATE TABLE IF NOT EXISTS orleans_grain_state
(
    grain_type_hash integer     NOT NULL,
    grain_key_hash  integer     NOT NULL,
    service_id      text        NOT NULL,
    grain_type      text        NOT NULL,
    grain_key_n0    bigint      NOT NULL,
    grain_key_n1    bigint      NOT NULL,
    grain_key_ext   text        NOT NULL,
    payload         bytea       NULL,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type_hash, grain_key_hash, service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary",
       version AS "Version"
FROM orleans_grain_state
WHERE grain_type_hash = @GrainTypeHash AND grain_key_hash = @GrainIdHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
$q$),

-- A grain without an ETag may only create the row; a grain with one may only update from that version.
-- Exactly one branch can act, and one statement keeps the pair atomic.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE grain_type_hash = @GrainTypeHash AND grain_key_hash = @GrainIdHash
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
      AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version
), created AS (
    INSERT INTO orleans_grain_state
        (grain_type_hash, grain_key_hash, service_id, grain_type, grain_key_n0, grain_key_n1, grain_key_ext, payload, version)
    SELECT @GrainTypeHash, @GrainIdHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           coalesce(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM created
$q$),

-- Clearing keeps the row and moves its version on, so a stale writer still conflicts after a clear.
('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = now()
WHERE grain_type_hash = @GrainTypeHash AND grain_key_hash = @GrainIdHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_key_n0 = @GrainIdN0 AND grain_key_n1 = @GrainIdN1
  AND grain_key_ext = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO sc_schema_version (version, name) VALUES (2, 'orleans_grain_storage') ON CONFLICT (version) DO NOTHING;
