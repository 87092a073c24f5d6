-- SuperConvergence schema version 3 (PostgreSQL): training checkpoints, one row per trial and epoch.
--
-- Used when the cluster keeps checkpoints in the database rather than in a shared directory. A save of the
-- same trial and epoch replaces the row, so a worker may retry a save after a failure.
--
-- Run by hand: psql --single-transaction -v ON_ERROR_STOP=1 -f 0003_sc_checkpoints.sql "CONN"

CREATE TABLE IF NOT EXISTS sc_schema_version
(
    version    integer     NOT NULL PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sc_checkpoint
(
    trial_id text        NOT NULL,
    epoch    integer     NOT NULL CHECK (epoch >= 0),
    state    bytea       NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trial_id, epoch)
);

INSERT INTO sc_schema_version (version, name) VALUES (3, 'sc_checkpoints') ON CONFLICT (version) DO NOTHING;
