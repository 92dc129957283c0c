-- The audit log (SPEC §3.1 GET /audit, §4): one row per write request, ingest batch, snapshot, export download and
-- deletion, with who (key or token name and role), what (action and target ids), the outcome (HTTP status) and counts.
-- Append-only: the triggers refuse every UPDATE and DELETE, also from the service's own role.
CREATE TABLE audit_log (
    id       bigserial   PRIMARY KEY,
    at       timestamptz NOT NULL,
    caller   text        NOT NULL,
    role     text        NOT NULL,
    action   text        NOT NULL,
    target   text        NOT NULL,
    outcome  integer     NOT NULL,
    details  text
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END $$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
