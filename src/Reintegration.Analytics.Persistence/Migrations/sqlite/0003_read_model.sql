-- The relational read model (SPEC §3.3): current indicators of every community and country as
-- rows, for Grafana's PostgreSQL data source and analysts' SQL. Written behind by the service
-- (about a second after the aggregates change). Suppressed cells (fewer returnees than the
-- minimum cell size) are NULL, exactly as in the API; `document` holds the whole API document.

CREATE TABLE community_indicators (
    community_id                TEXT PRIMARY KEY,
    country TEXT NOT NULL,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    admin1                      TEXT,
    latitude                    REAL,
    longitude                   REAL,
    services_index              REAL,
    cohesion_index              REAL,
    joint_participation_share   REAL,
    population                  INTEGER,
    return_pressure             REAL,
    returnees                   INTEGER,
    surveyed                    INTEGER,
    economic_mean               REAL,
    economic_n                  INTEGER,
    social_mean                 REAL,
    social_n                    INTEGER,
    psychosocial_mean           REAL,
    psychosocial_n              INTEGER,
    composite_mean              REAL,
    composite_n                 INTEGER,
    sustainable_share           REAL,
    improvement_mean            REAL,
    improvement_n               INTEGER,
    followup_coverage           REAL,
    remigration_necessity_share REAL,
    suppressed INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX community_indicators_by_country ON community_indicators (country);

CREATE TABLE country_indicators (
    country                     TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    communities INTEGER NOT NULL,
    structural_index            REAL,
    returnees                   INTEGER,
    surveyed                    INTEGER,
    economic_mean               REAL,
    economic_n                  INTEGER,
    social_mean                 REAL,
    social_n                    INTEGER,
    psychosocial_mean           REAL,
    psychosocial_n              INTEGER,
    composite_mean              REAL,
    composite_n                 INTEGER,
    sustainable_share           REAL,
    improvement_mean            REAL,
    improvement_n               INTEGER,
    followup_coverage           REAL,
    remigration_necessity_share REAL,
    suppressed INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX country_indicators_by_region ON country_indicators (region);
