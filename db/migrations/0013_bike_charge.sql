-- The lowest battery charge, in percent of the tracker's last report, at which a bike is lent: below
-- it the kiosk shows the bike as charging and checkout refuses it. 30% is a default we chose: about
-- 12 km on a 418 Wh battery at 10 Wh/km, enough for most commutes home; 0 turns the check off.
ALTER TABLE policy_versions ADD COLUMN min_charge_pct INTEGER NOT NULL DEFAULT 30
  CHECK (min_charge_pct BETWEEN 0 AND 100);
