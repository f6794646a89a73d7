-- Kiosk actions taken offline that the backend refused when they were replayed (the bike was lent
-- elsewhere meanwhile, say). The kiosk had already confirmed them to a person, so they are never
-- dropped: coordinators see each one and resolve it by hand.
CREATE TABLE kiosk_exceptions (
  id                INTEGER PRIMARY KEY,
  device_id         INTEGER NOT NULL REFERENCES devices(id),
  idempotency_key   TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('checkout', 'return', 'waitlist_join', 'waitlist_leave')),
  bike_tag          TEXT NOT NULL DEFAULT '',
  staff_id          INTEGER REFERENCES staff(id),
  recorded_at       INTEGER NOT NULL,
  payload           TEXT NOT NULL,
  refusal           TEXT NOT NULL,
  reported_at       INTEGER NOT NULL,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolved_at       INTEGER,
  resolved_by       TEXT,
  resolution_note   TEXT NOT NULL DEFAULT '',
  UNIQUE (device_id, idempotency_key)
);
CREATE INDEX kiosk_exceptions_by_status ON kiosk_exceptions(status, reported_at);
