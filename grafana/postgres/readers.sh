#!/bin/bash
# Run once by the postgres image when its data directory is new (/docker-entrypoint-initdb.d): the
# read-only login Grafana uses. The service's migration 0006 grants it SELECT on the two read model
# tables and nothing else.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v reader="$READMODEL_USER" -v password="$READMODEL_PASSWORD" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reintegration_readers') THEN CREATE ROLE reintegration_readers NOLOGIN; END IF;
END $$;
CREATE ROLE :"reader" LOGIN PASSWORD :'password' IN ROLE reintegration_readers;
SQL
