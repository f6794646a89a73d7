-- A PIN locks only at the kiosk where it was guessed, so one kiosk cannot lock a person out of
-- every other; repeated locks there last longer each time until the right PIN is typed.
CREATE TABLE pin_lockouts (
  staff_id      INTEGER NOT NULL REFERENCES staff(id),
  device_id     INTEGER NOT NULL REFERENCES devices(id),
  failures      INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER NOT NULL DEFAULT 0,
  locks         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (staff_id, device_id)
) WITHOUT ROWID;

ALTER TABLE staff DROP COLUMN pin_failures;
ALTER TABLE staff DROP COLUMN pin_locked_until;

-- Each PIN identification at a kiosk leaves a proof (kept here only as a digest) that the kiosk
-- stores with its offline cache. An action the kiosk took for that person while offline is
-- replayed with it: the backend then knows the person proved their PIN at that very kiosk lately.
CREATE TABLE kiosk_identifications (
  id              INTEGER PRIMARY KEY,
  device_id       INTEGER NOT NULL REFERENCES devices(id),
  staff_id        INTEGER NOT NULL REFERENCES staff(id),
  proof_digest    TEXT NOT NULL UNIQUE,
  identified_at   INTEGER NOT NULL,
  valid_until     INTEGER NOT NULL
);
CREATE INDEX kiosk_identifications_by_expiry ON kiosk_identifications(valid_until);
CREATE INDEX kiosk_identifications_by_staff ON kiosk_identifications(staff_id);
