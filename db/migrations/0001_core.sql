-- Core schema: fleet, staff, pay-band policy, loans, waitlist, access and audit.
-- Times are UTC Unix seconds (INTEGER); calendar dates are 'YYYY-MM-DD' text.

CREATE TABLE sites (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  address     TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);

CREATE TABLE bikes (
  id              INTEGER PRIMARY KEY,
  asset_tag       TEXT NOT NULL UNIQUE,
  frame_number    TEXT NOT NULL UNIQUE,
  make            TEXT NOT NULL,
  model           TEXT NOT NULL,
  battery_serial  TEXT,
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  odometer_m      INTEGER NOT NULL DEFAULT 0 CHECK (odometer_m >= 0),
  status          TEXT NOT NULL DEFAULT 'available'
                  CHECK (status IN ('available', 'reserved', 'on_loan', 'maintenance', 'retired', 'lost')),
  status_note     TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX bikes_by_site_status ON bikes(site_id, status);

CREATE TABLE staff (
  id                      INTEGER PRIMARY KEY,
  staff_number            TEXT NOT NULL UNIQUE,
  name                    TEXT NOT NULL,
  email                   TEXT NOT NULL DEFAULT '',
  pay_band                TEXT NOT NULL
                          CHECK (pay_band IN ('1','2','3','4','5','6','7','8a','8b','8c','8d','9','other')),
  department              TEXT NOT NULL DEFAULT '',
  home_site_id            INTEGER REFERENCES sites(id),
  induction_date          TEXT,
  commute_mode            TEXT,
  commute_car_occupancy   INTEGER NOT NULL DEFAULT 1 CHECK (commute_car_occupancy >= 1),
  commute_distance_km     REAL CHECK (commute_distance_km IS NULL OR commute_distance_km >= 0),
  active                  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  badge_id                TEXT UNIQUE,
  pin_hash                TEXT,
  pin_failures            INTEGER NOT NULL DEFAULT 0,
  pin_locked_until        INTEGER NOT NULL DEFAULT 0,
  created_at              INTEGER NOT NULL,
  updated_at              INTEGER NOT NULL
);
CREATE INDEX staff_by_band ON staff(pay_band);

CREATE TABLE policy_versions (
  id                      INTEGER PRIMARY KEY,
  effective_from          TEXT NOT NULL,
  reservation_hold_hours  INTEGER NOT NULL DEFAULT 24 CHECK (reservation_hold_hours > 0),
  note                    TEXT NOT NULL DEFAULT '',
  created_by              TEXT NOT NULL,
  created_at              INTEGER NOT NULL
);

CREATE TABLE policy_bands (
  policy_version_id     INTEGER NOT NULL REFERENCES policy_versions(id),
  pay_band              TEXT NOT NULL
                        CHECK (pay_band IN ('1','2','3','4','5','6','7','8a','8b','8c','8d','9','other')),
  eligible              INTEGER NOT NULL CHECK (eligible IN (0, 1)),
  priority_tier         INTEGER NOT NULL CHECK (priority_tier >= 1),
  max_loan_days         INTEGER NOT NULL CHECK (max_loan_days >= 1),
  weekly_fee_pence      INTEGER NOT NULL DEFAULT 0 CHECK (weekly_fee_pence >= 0),
  deposit_pence         INTEGER NOT NULL DEFAULT 0 CHECK (deposit_pence >= 0),
  max_concurrent_loans  INTEGER NOT NULL DEFAULT 1 CHECK (max_concurrent_loans >= 0),
  induction_required    INTEGER NOT NULL DEFAULT 1 CHECK (induction_required IN (0, 1)),
  PRIMARY KEY (policy_version_id, pay_band)
) WITHOUT ROWID;

CREATE TABLE terms_versions (
  version       TEXT PRIMARY KEY,
  body          TEXT NOT NULL,
  published_at  INTEGER NOT NULL
);

CREATE TABLE loans (
  id                  INTEGER PRIMARY KEY,
  staff_id            INTEGER NOT NULL REFERENCES staff(id),
  bike_id             INTEGER NOT NULL REFERENCES bikes(id),
  site_id             INTEGER NOT NULL REFERENCES sites(id),
  policy_version_id   INTEGER NOT NULL REFERENCES policy_versions(id),
  terms_version       TEXT NOT NULL REFERENCES terms_versions(version),
  weekly_fee_pence    INTEGER NOT NULL,
  deposit_pence       INTEGER NOT NULL,
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'returned', 'lost')),
  checked_out_at      INTEGER NOT NULL,
  due_at              INTEGER NOT NULL,
  start_odometer_m    INTEGER NOT NULL,
  renewals            INTEGER NOT NULL DEFAULT 0,
  returned_at         INTEGER,
  end_odometer_m      INTEGER,
  return_condition    TEXT,
  created_by          TEXT NOT NULL
);
-- The database itself guarantees a bike is never on two loans.
CREATE UNIQUE INDEX loans_one_active_per_bike ON loans(bike_id) WHERE status = 'active';
CREATE INDEX loans_by_staff ON loans(staff_id, status);
CREATE INDEX loans_by_due ON loans(status, due_at);
CREATE INDEX loans_by_checkout ON loans(checked_out_at);

CREATE TABLE loan_accessories (
  loan_id       INTEGER NOT NULL REFERENCES loans(id),
  kind          TEXT NOT NULL CHECK (kind IN ('helmet', 'lock', 'charger', 'lights')),
  issued        INTEGER NOT NULL DEFAULT 1 CHECK (issued IN (0, 1)),
  returned      INTEGER CHECK (returned IS NULL OR returned IN (0, 1)),
  PRIMARY KEY (loan_id, kind)
) WITHOUT ROWID;

CREATE TABLE fault_reports (
  id            INTEGER PRIMARY KEY,
  bike_id       INTEGER NOT NULL REFERENCES bikes(id),
  loan_id       INTEGER REFERENCES loans(id),
  category      TEXT NOT NULL CHECK (category IN ('brakes', 'battery', 'tyre', 'lights', 'frame', 'gears', 'other')),
  note          TEXT NOT NULL DEFAULT '',
  safety        INTEGER NOT NULL CHECK (safety IN (0, 1)),
  reported_by   TEXT NOT NULL,
  reported_at   INTEGER NOT NULL,
  resolved_at   INTEGER
);
CREATE INDEX fault_reports_open ON fault_reports(bike_id, resolved_at);

CREATE TABLE waitlist_entries (
  id              INTEGER PRIMARY KEY,
  staff_id        INTEGER NOT NULL REFERENCES staff(id),
  site_id         INTEGER NOT NULL REFERENCES sites(id),
  priority_tier   INTEGER NOT NULL,
  joined_at       INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'waiting'
                  CHECK (status IN ('waiting', 'offered', 'fulfilled', 'left', 'expired')),
  closed_at       INTEGER
);
CREATE UNIQUE INDEX waitlist_one_open_per_staff_site ON waitlist_entries(staff_id, site_id)
  WHERE status IN ('waiting', 'offered');
CREATE INDEX waitlist_queue ON waitlist_entries(site_id, status, priority_tier, joined_at, id);

CREATE TABLE reservations (
  id                  INTEGER PRIMARY KEY,
  bike_id             INTEGER NOT NULL REFERENCES bikes(id),
  staff_id            INTEGER NOT NULL REFERENCES staff(id),
  waitlist_entry_id   INTEGER REFERENCES waitlist_entries(id),
  created_at          INTEGER NOT NULL,
  expires_at          INTEGER NOT NULL,
  status              TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'fulfilled', 'expired', 'cancelled'))
);
CREATE UNIQUE INDEX reservations_one_held_per_bike ON reservations(bike_id) WHERE status = 'held';
CREATE INDEX reservations_by_expiry ON reservations(status, expires_at);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('coordinator', 'technician', 'reporter')),
  password_hash   TEXT NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      INTEGER NOT NULL
);

CREATE TABLE user_sessions (
  token_hash      TEXT PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id),
  csrf_token      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE devices (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  role            TEXT NOT NULL CHECK (role IN ('kiosk', 'telematics')),
  site_id         INTEGER REFERENCES sites(id),
  token_hash      TEXT NOT NULL UNIQUE,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      INTEGER NOT NULL
);

CREATE TABLE idempotency_keys (
  actor           TEXT NOT NULL,
  key             TEXT NOT NULL,
  request_hash    TEXT NOT NULL,
  status          INTEGER NOT NULL,
  response_body   TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (actor, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_by_age ON idempotency_keys(created_at);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  before      TEXT,
  after       TEXT
);
CREATE INDEX audit_by_entity ON audit_log(entity, entity_id);
