-- Maintenance: work orders from fault to fixed, what was done on them, servicing schedules and the
-- services done, batteries and chargers as components, recall and inspection campaigns.

CREATE TABLE campaigns (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('recall', 'inspection')),
  model        TEXT NOT NULL,
  safety       INTEGER NOT NULL CHECK (safety IN (0, 1)),
  description  TEXT NOT NULL DEFAULT '',
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);

-- One job on one bike. Safety work orders keep the bike out of loans until a technician signs off
-- a safety check; the cost of a job is its parts plus what a supplier charged.
CREATE TABLE work_orders (
  id                   INTEGER PRIMARY KEY,
  bike_id              INTEGER NOT NULL REFERENCES bikes(id),
  fault_report_id      INTEGER REFERENCES fault_reports(id),
  campaign_id          INTEGER REFERENCES campaigns(id),
  category             TEXT NOT NULL CHECK (category IN ('brakes', 'battery', 'tyre', 'lights', 'frame', 'gears',
                                                          'other', 'service', 'inspection')),
  safety               INTEGER NOT NULL CHECK (safety IN (0, 1)),
  description          TEXT NOT NULL DEFAULT '',
  reported_by          TEXT NOT NULL,
  reported_at          INTEGER NOT NULL,
  status               TEXT NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'in_progress', 'awaiting_parts', 'ready_for_check', 'closed',
                                         'written_off')),
  supplier             TEXT NOT NULL DEFAULT '',  -- empty: done in-house
  supplier_cost_pence  INTEGER NOT NULL DEFAULT 0 CHECK (supplier_cost_pence >= 0),
  warranty_claim       INTEGER NOT NULL DEFAULT 0 CHECK (warranty_claim IN (0, 1)),
  notes                TEXT NOT NULL DEFAULT '',
  signed_off_by        TEXT,
  signed_off_at        INTEGER,
  closed_at            INTEGER,
  updated_at           INTEGER NOT NULL
);
CREATE INDEX work_orders_by_bike ON work_orders(bike_id, status);
CREATE INDEX work_orders_by_status ON work_orders(status, reported_at);
CREATE INDEX work_orders_by_campaign ON work_orders(campaign_id);

-- Every change of a work order's status, with who and when (the audit log has the whole record too).
CREATE TABLE work_order_events (
  id             INTEGER PRIMARY KEY,
  work_order_id  INTEGER NOT NULL REFERENCES work_orders(id),
  from_status    TEXT,  -- NULL for the opening
  to_status      TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  actor          TEXT NOT NULL,
  at             INTEGER NOT NULL
);
CREATE INDEX work_order_events_by_order ON work_order_events(work_order_id, at);

CREATE TABLE work_order_labour (
  id             INTEGER PRIMARY KEY,
  work_order_id  INTEGER NOT NULL REFERENCES work_orders(id),
  technician     TEXT NOT NULL,
  minutes        INTEGER NOT NULL CHECK (minutes > 0),
  note           TEXT NOT NULL DEFAULT '',
  recorded_by    TEXT NOT NULL,
  recorded_at    INTEGER NOT NULL
);
CREATE INDEX work_order_labour_by_order ON work_order_labour(work_order_id);

CREATE TABLE work_order_parts (
  id               INTEGER PRIMARY KEY,
  work_order_id    INTEGER NOT NULL REFERENCES work_orders(id),
  name             TEXT NOT NULL,
  part_number      TEXT NOT NULL DEFAULT '',
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost_pence  INTEGER NOT NULL CHECK (unit_cost_pence >= 0),
  recorded_by      TEXT NOT NULL,
  recorded_at      INTEGER NOT NULL
);
CREATE INDEX work_order_parts_by_order ON work_order_parts(work_order_id);

-- What became of a reservation whose bike went into the workshop: the person was offered another
-- bike at the site, or kept their place at the head of the waiting list. Never silently dropped.
CREATE TABLE workshop_reservation_outcomes (
  id                  INTEGER PRIMARY KEY,
  work_order_id       INTEGER NOT NULL REFERENCES work_orders(id),
  reservation_id      INTEGER NOT NULL REFERENCES reservations(id),
  staff_id            INTEGER NOT NULL REFERENCES staff(id),
  outcome             TEXT NOT NULL CHECK (outcome IN ('offered_other_bike', 'kept_head_of_queue')),
  new_reservation_id  INTEGER REFERENCES reservations(id),
  at                  INTEGER NOT NULL
);
CREATE INDEX workshop_reservation_outcomes_by_order ON workshop_reservation_outcomes(work_order_id);

-- Batteries and chargers with their own serials; where they are fitted lives in component_fittings.
CREATE TABLE components (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('battery', 'charger')),
  serial         TEXT NOT NULL,
  model          TEXT NOT NULL DEFAULT '',
  cycle_count    INTEGER CHECK (cycle_count IS NULL OR cycle_count >= 0),
  health_pct     INTEGER CHECK (health_pct IS NULL OR health_pct BETWEEN 0 AND 100),
  in_service_at  INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (kind, serial)
);

CREATE TABLE component_fittings (
  id            INTEGER PRIMARY KEY,
  component_id  INTEGER NOT NULL REFERENCES components(id),
  bike_id       INTEGER NOT NULL REFERENCES bikes(id),
  fitted_at     INTEGER NOT NULL,
  fitted_by     TEXT NOT NULL,
  removed_at    INTEGER CHECK (removed_at IS NULL OR removed_at >= fitted_at)
);
CREATE UNIQUE INDEX component_fitted_once ON component_fittings(component_id) WHERE removed_at IS NULL;
CREATE INDEX component_fittings_by_bike ON component_fittings(bike_id, removed_at);

-- Servicing due every N km or N days (or N charge cycles for a battery), whichever comes first,
-- reported as due soon inside the window before. A schedule for a bike beats one for its model,
-- which beats the fleet default (model and bike both NULL).
CREATE TABLE service_schedules (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (kind IN ('safety_check', 'full_service', 'charger_pat', 'battery_check')),
  model            TEXT,
  bike_id          INTEGER REFERENCES bikes(id),
  every_km         INTEGER CHECK (every_km IS NULL OR every_km > 0),
  every_days       INTEGER CHECK (every_days IS NULL OR every_days > 0),
  every_cycles     INTEGER CHECK (every_cycles IS NULL OR every_cycles > 0),
  due_soon_km      INTEGER NOT NULL DEFAULT 0 CHECK (due_soon_km >= 0),
  due_soon_days    INTEGER NOT NULL DEFAULT 0 CHECK (due_soon_days >= 0),
  due_soon_cycles  INTEGER NOT NULL DEFAULT 0 CHECK (due_soon_cycles >= 0),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  CHECK (model IS NULL OR bike_id IS NULL),
  CHECK (every_km IS NOT NULL OR every_days IS NOT NULL OR every_cycles IS NOT NULL)
);
CREATE UNIQUE INDEX service_schedule_per_scope ON service_schedules(kind, coalesce(model, ''), coalesce(bike_id, 0));

-- A service done: restarts the count of its kind for the bike (or the component it names).
CREATE TABLE service_records (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('safety_check', 'full_service', 'charger_pat', 'battery_check')),
  bike_id        INTEGER NOT NULL REFERENCES bikes(id),
  component_id   INTEGER REFERENCES components(id),
  work_order_id  INTEGER REFERENCES work_orders(id),
  odometer_m     INTEGER NOT NULL,
  cycle_count    INTEGER,
  notes          TEXT NOT NULL DEFAULT '',
  done_by        TEXT NOT NULL,
  done_at        INTEGER NOT NULL
);
CREATE INDEX service_records_by_bike ON service_records(bike_id, kind, done_at);
CREATE INDEX service_records_by_component ON service_records(component_id, kind, done_at);

-- The defaults to start from; coordinators change them through the API. Three months is taken as
-- 91 days, a year as 365.
INSERT INTO service_schedules(kind, every_km, every_days, every_cycles, due_soon_km, due_soon_days, due_soon_cycles,
                              created_at, updated_at) VALUES
  ('safety_check', 1000, 91, NULL, 100, 14, 0, 0, 0),
  ('full_service', 3000, 365, NULL, 300, 30, 0, 0, 0),
  ('charger_pat', NULL, 365, NULL, 0, 30, 0, 0, 0),
  ('battery_check', NULL, 730, 500, 0, 30, 50, 0, 0);
