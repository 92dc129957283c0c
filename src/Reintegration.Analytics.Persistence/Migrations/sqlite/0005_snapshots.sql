-- Indicator snapshots (SPEC §3.1, §3.3): a snapshot's tidy table frozen as immutable rows (see the
-- PostgreSQL migration of the same name). Times are ISO 8601 text in UTC.
CREATE TABLE snapshots (
    id                TEXT PRIMARY KEY,
    label             TEXT,
    scope             TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    taken_at          TEXT    NOT NULL,
    completed_at      TEXT,
    minimum_cell_size INTEGER NOT NULL,
    instrument        TEXT    NOT NULL,
    row_count         INTEGER,
    error             TEXT
);

CREATE TABLE snapshot_rows (
    snapshot_id TEXT    NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    level       TEXT    NOT NULL,
    unit_code   TEXT    NOT NULL,
    unit_name   TEXT    NOT NULL,
    country     TEXT,
    region      TEXT,
    indicator   TEXT    NOT NULL,
    grp         TEXT    NOT NULL,
    value       REAL,
    numerator   REAL,
    denominator REAL,
    n           INTEGER,
    suppressed  INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, seq)
);
