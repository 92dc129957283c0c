-- The relational read model (SPEC §3.3): current indicators of every community and country as
-- rows, for Grafana's PostgreSQL data source and analysts' SQL. Written behind by the service
-- (about a second after the aggregates change). Suppressed cells (fewer returnees than the
-- minimum cell size) are NULL, exactly as in the API; `document` holds the whole API document.

CREATE TABLE community_indicators (
    community_id                text PRIMARY KEY,
    country                     text NOT NULL,
    region                      text NOT NULL,
    name                        text NOT NULL,
    admin1                      text,
    latitude                    double precision,
    longitude                   double precision,
    services_index              double precision,
    cohesion_index              double precision,
    joint_participation_share   double precision,
    population                  bigint,
    return_pressure             double precision,
    returnees                   bigint,
    surveyed                    bigint,
    economic_mean               double precision,
    economic_n                  bigint,
    social_mean                 double precision,
    social_n                    bigint,
    psychosocial_mean           double precision,
    psychosocial_n              bigint,
    composite_mean              double precision,
    composite_n                 bigint,
    sustainable_share           double precision,
    improvement_mean            double precision,
    improvement_n               bigint,
    followup_coverage           double precision,
    remigration_necessity_share double precision,
    suppressed                  boolean     NOT NULL,
    document                    jsonb       NOT NULL,
    updated_at                  timestamptz NOT NULL
);
CREATE INDEX community_indicators_by_country ON community_indicators (country);

CREATE TABLE country_indicators (
    country                     text PRIMARY KEY,
    region                      text    NOT NULL,
    communities                 integer NOT NULL,
    structural_index            double precision,
    returnees                   bigint,
    surveyed                    bigint,
    economic_mean               double precision,
    economic_n                  bigint,
    social_mean                 double precision,
    social_n                    bigint,
    psychosocial_mean           double precision,
    psychosocial_n              bigint,
    composite_mean              double precision,
    composite_n                 bigint,
    sustainable_share           double precision,
    improvement_mean            double precision,
    improvement_n               bigint,
    followup_coverage           double precision,
    remigration_necessity_share double precision,
    suppressed                  boolean     NOT NULL,
    document                    jsonb       NOT NULL,
    updated_at                  timestamptz NOT NULL
);
CREATE INDEX country_indicators_by_region ON country_indicators (region);
