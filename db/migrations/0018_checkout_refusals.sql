-- Checkouts refused when asked for online (at a kiosk or in the admin): the refusal changes nothing
-- else, so it is recorded apart, after the request's own changes are undone, for the equity
-- report's refusals by reason and band. A kiosk's request keeps its Idempotency-Key, so a refusal
-- of an action the kiosk had confirmed offline (then filed as a kiosk exception) is counted once.
CREATE TABLE checkout_refusals (
  id               INTEGER PRIMARY KEY,
  refused_at       INTEGER NOT NULL,
  staff_id         INTEGER NOT NULL REFERENCES staff(id),
  bike_id          INTEGER,
  site_id          INTEGER REFERENCES sites(id),  -- the bike's site, else the kiosk's
  device_id        INTEGER REFERENCES devices(id),  -- the kiosk that asked; NULL from the admin
  idempotency_key  TEXT,
  reason           TEXT NOT NULL  -- the refusal's code, e.g. 'not_eligible'
);
CREATE INDEX checkout_refusals_by_time ON checkout_refusals(refused_at);
