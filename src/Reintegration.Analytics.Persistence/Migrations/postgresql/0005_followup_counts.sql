-- Follow-up counts (SPEC §2.4 followUp: due, covered, open, overdue, missed) as read model columns,
-- so dashboards can chart who is due for a visit without unpacking the document.
ALTER TABLE community_indicators ADD COLUMN followup_due bigint;
ALTER TABLE community_indicators ADD COLUMN followup_covered bigint;
ALTER TABLE community_indicators ADD COLUMN followup_open bigint;
ALTER TABLE community_indicators ADD COLUMN followup_overdue bigint;
ALTER TABLE community_indicators ADD COLUMN followup_missed bigint;
ALTER TABLE country_indicators ADD COLUMN followup_due bigint;
ALTER TABLE country_indicators ADD COLUMN followup_covered bigint;
ALTER TABLE country_indicators ADD COLUMN followup_open bigint;
ALTER TABLE country_indicators ADD COLUMN followup_overdue bigint;
ALTER TABLE country_indicators ADD COLUMN followup_missed bigint;
