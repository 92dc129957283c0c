-- The durable record of returnee changes (group-committed) and what aggregates are rebuilt from.

-- Every change to a returnee, at the case's version after applying it (Orleans-serialized ReturneeChange).
CREATE TABLE returnee_journal (
    case_id     text        NOT NULL,
    version     bigint      NOT NULL,
    change      bytea       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (case_id, version)
);

-- The latest contribution of each returnee, written in the same transaction as its journal row;
-- a community loads its rows when it activates.
CREATE TABLE community_members (
    case_id      text   PRIMARY KEY,
    community_id text   NOT NULL,
    version      bigint NOT NULL,
    contribution bytea  NOT NULL
);
CREATE INDEX community_members_by_community ON community_members (community_id);

-- Which community is in which country, so countries, regions and the global aggregate can be rebuilt.
CREATE TABLE communities (
    community_id text PRIMARY KEY,
    country      text NOT NULL
);
CREATE INDEX communities_by_country ON communities (country);
