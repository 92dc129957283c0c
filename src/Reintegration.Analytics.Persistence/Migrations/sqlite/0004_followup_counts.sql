-- Follow-up counts (SPEC §2.4 followUp: due, covered, open, overdue, missed) as read model columns,
-- so dashboards can chart who is due for a visit without unpacking the document.
ALTER TABLE community_indicators ADD COLUMN followup_due INTEGER;
ALTER TABLE community_indicators ADD COLUMN followup_covered INTEGER;
ALTER TABLE community_indicators ADD COLUMN followup_open INTEGER;
ALTER TABLE community_indicators ADD COLUMN followup_overdue INTEGER;
ALTER TABLE community_indicators ADD COLUMN followup_missed INTEGER;
ALTER TABLE country_indicators ADD COLUMN followup_due INTEGER;
ALTER TABLE country_indicators ADD COLUMN followup_covered INTEGER;
ALTER TABLE country_indicators ADD COLUMN followup_open INTEGER;
ALTER TABLE country_indicators ADD COLUMN followup_overdue INTEGER;
ALTER TABLE country_indicators ADD COLUMN followup_missed INTEGER;
