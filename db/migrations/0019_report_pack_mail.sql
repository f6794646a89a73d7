-- Who is mailed the link to each monthly report pack: report authors unless they opt out, and
-- coordinators who opt in. Technicians never are.
ALTER TABLE users ADD COLUMN report_packs INTEGER NOT NULL DEFAULT 0 CHECK (report_packs IN (0, 1));
UPDATE users SET report_packs = 1 WHERE role = 'reporter';
