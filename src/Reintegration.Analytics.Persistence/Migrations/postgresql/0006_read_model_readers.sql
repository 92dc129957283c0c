-- Read-only access to the read model for dashboards and analysts (SPEC §3.3): members of the group role
-- reintegration_readers may read community_indicators and country_indicators and nothing else (the journal,
-- membership rows and grain state hold case-level data). The role is created here when the service's user
-- may create roles; otherwise a DBA creates it (CREATE ROLE reintegration_readers NOLOGIN) and grants
-- SELECT on the two tables to it. Readers log in as their own roles: CREATE ROLE grafana LOGIN PASSWORD '…'
-- IN ROLE reintegration_readers.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reintegration_readers') THEN
        BEGIN
            CREATE ROLE reintegration_readers NOLOGIN;
        EXCEPTION WHEN insufficient_privilege OR duplicate_object THEN
            RAISE NOTICE 'role reintegration_readers not created here';
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reintegration_readers') THEN
        GRANT SELECT ON community_indicators, country_indicators TO reintegration_readers;
    END IF;
END $$;
