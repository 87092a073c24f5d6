-- SuperConvergence schema version 3 (SQLite): training checkpoints, one row per trial and epoch.
--
-- Used when an embedded silo keeps checkpoints in its database file rather than in a directory. A save of
-- the same trial and epoch replaces the row, so a save may be retried.
--
-- Run by hand: (echo 'BEGIN IMMEDIATE;'; cat 0003_sc_checkpoints.sql; echo 'COMMIT;') | sqlite3 -bail FILE

CREATE TABLE IF NOT EXISTS sc_schema_version
(
    version    INTEGER NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE IF NOT EXISTS sc_checkpoint
(
    trial_id TEXT    NOT NULL,
    epoch    INTEGER NOT NULL CHECK (epoch >= 0),
    state    BLOB    NOT NULL,
    saved_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (trial_id, epoch)
);

INSERT INTO sc_schema_version (version, name) VALUES (3, 'sc_checkpoints') ON CONFLICT (version) DO NOTHING;
