-- The durable record of returnee changes (group-committed) and what aggregates are rebuilt from.

-- Every change to a returnee, at the case's version after applying it (Orleans-serialized ReturneeChange).
CREATE TABLE returnee_journal (
    case_id     TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    change      BLOB    NOT NULL,
    recorded_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (case_id, version)
) WITHOUT ROWID;

-- The latest contribution of each returnee, written in the same transaction as its journal row;
-- a community loads its rows when it activates.
CREATE TABLE community_members (
    case_id      TEXT    PRIMARY KEY,
    community_id TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    contribution BLOB    NOT NULL
) WITHOUT ROWID;
CREATE INDEX community_members_by_community ON community_members (community_id);

-- Which community is in which country, so countries, regions and the global aggregate can be rebuilt.
CREATE TABLE communities (
    community_id TEXT PRIMARY KEY,
    country      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX communities_by_country ON communities (country);
