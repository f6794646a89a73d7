-- Telematics: trackers and the bikes they are fitted to, raw positions, the trip summaries that
-- replace them after the retention period, and riders' privacy zones.
--
-- A position names its bike, never a person. It belongs to the loan of that bike whose checkout
-- came last before the fix, unless that loan was returned before the fix: the loan is the only
-- link to a person, so correcting a loan or a kiosk replaying an offline checkout later links
-- the positions rightly without rewriting them.

CREATE TABLE trackers (
  id          INTEGER PRIMARY KEY,
  device_id   TEXT NOT NULL UNIQUE,  -- what the device sends as the OsmAnd `id` or a batch's device_id
  note        TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  INTEGER NOT NULL
);

-- Which bike a tracker was fitted to, and when. A fix goes to the bike its tracker was on at the
-- fix's own time, so moving a tracker to another bike never moves positions already taken.
CREATE TABLE tracker_assignments (
  id           INTEGER PRIMARY KEY,
  tracker_id   INTEGER NOT NULL REFERENCES trackers(id),
  bike_id      INTEGER NOT NULL REFERENCES bikes(id),
  fitted_at    INTEGER NOT NULL,
  removed_at   INTEGER CHECK (removed_at IS NULL OR removed_at >= fitted_at)
);
CREATE UNIQUE INDEX tracker_fitted_to_one_bike ON tracker_assignments(tracker_id) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX bike_carries_one_tracker ON tracker_assignments(bike_id) WHERE removed_at IS NULL;
CREATE INDEX tracker_assignments_by_tracker ON tracker_assignments(tracker_id, fitted_at);

-- Raw fixes. One B-tree keyed by bike and time does two jobs: a fix sent again is ignored by
-- INSERT OR IGNORE (ingest is idempotent per device and time), and the key is the index every
-- read walks (one bike's fixes over a time range), so an insert touches a single tree.
-- Times are UTC Unix milliseconds, coordinates micro-degrees (about 0.1 m, far below GPS error),
-- accuracy decimetres, battery percent: a fix takes about 30 bytes.
-- bike_id has no foreign key: the writer takes it from tracker_assignments or a loan, and a
-- parent lookup per fix would cost a quarter of the insert.
CREATE TABLE positions (
  bike_id      INTEGER NOT NULL,
  time_ms      INTEGER NOT NULL,
  lat_udeg     INTEGER NOT NULL,
  lon_udeg     INTEGER NOT NULL,
  accuracy_dm  INTEGER,
  odometer_m   INTEGER,
  battery_pct  INTEGER,
  valid        INTEGER NOT NULL DEFAULT 1 CHECK (valid IN (0, 1)),     -- 0: the device flagged the fix invalid
  from_gpx     INTEGER NOT NULL DEFAULT 0 CHECK (from_gpx IN (0, 1)),  -- 1: imported from a GPX file
  PRIMARY KEY (bike_id, time_ms)
) WITHOUT ROWID;

-- What is left of raw positions after the retention period: times, distance and where the
-- distance came from, never a coordinate. loan_id is settled when the trip is summarised.
CREATE TABLE trip_summaries (
  id                    INTEGER PRIMARY KEY,
  bike_id               INTEGER NOT NULL REFERENCES bikes(id),
  loan_id               INTEGER REFERENCES loans(id),  -- NULL: ridden outside any loan
  started_ms            INTEGER NOT NULL,
  ended_ms              INTEGER NOT NULL CHECK (ended_ms >= started_ms),
  distance_m            REAL NOT NULL CHECK (distance_m >= 0),
  distance_source       TEXT NOT NULL CHECK (distance_source IN ('gps_track', 'odometer')),
  from_gpx              INTEGER NOT NULL CHECK (from_gpx IN (0, 1)),
  vehicle_distance_m    REAL NOT NULL DEFAULT 0 CHECK (vehicle_distance_m >= 0),
  moving_s              INTEGER NOT NULL CHECK (moving_s >= 0),
  position_count        INTEGER NOT NULL CHECK (position_count >= 0),
  summarised_at         INTEGER NOT NULL
);
CREATE INDEX trip_summaries_by_bike ON trip_summaries(bike_id, started_ms);
CREATE INDEX trip_summaries_by_loan ON trip_summaries(loan_id, started_ms);

-- A rider's home zone: trips shown or exported start and end outside it. Its centre is as
-- personal as an address, so only coordinators read it and the audit log never records it.
CREATE TABLE staff_privacy_zones (
  staff_id    INTEGER PRIMARY KEY REFERENCES staff(id),
  lat_udeg    INTEGER NOT NULL CHECK (lat_udeg BETWEEN -90000000 AND 90000000),
  lon_udeg    INTEGER NOT NULL CHECK (lon_udeg BETWEEN -180000000 AND 180000000),
  radius_m    INTEGER NOT NULL CHECK (radius_m > 0),
  updated_at  INTEGER NOT NULL
);

-- Finding the loans of one bike in time order, for linking positions to them.
CREATE INDEX loans_by_bike_checkout ON loans(bike_id, checked_out_at);
