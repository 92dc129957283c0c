-- Indicator snapshots (SPEC §3.1, §3.3): a snapshot's tidy table frozen as immutable rows. The rows of a
-- snapshot are inserted once, in the transaction that marks it ready, and never updated; deleting a
-- snapshot deletes its rows. Suppressed figures are NULL with suppressed = true, as in every export.
CREATE TABLE snapshots (
    id                text PRIMARY KEY,
    label             text,
    scope             text        NOT NULL,
    status            text        NOT NULL,
    taken_at          timestamptz NOT NULL,
    completed_at      timestamptz,
    minimum_cell_size integer     NOT NULL,
    instrument        text        NOT NULL,
    row_count         bigint,
    error             text
);

CREATE TABLE snapshot_rows (
    snapshot_id text    NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    seq         integer NOT NULL,
    level       text    NOT NULL,
    unit_code   text    NOT NULL,
    unit_name   text    NOT NULL,
    country     text,
    region      text,
    indicator   text    NOT NULL,
    grp         text    NOT NULL,
    value       double precision,
    numerator   double precision,
    denominator double precision,
    n           bigint,
    suppressed  boolean NOT NULL,
    PRIMARY KEY (snapshot_id, seq)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reintegration_readers') THEN
        GRANT SELECT ON snapshots, snapshot_rows TO reintegration_readers;
    END IF;
END $$;
