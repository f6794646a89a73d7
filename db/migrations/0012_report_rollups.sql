-- Report rollups (keys lead with the journey, then the month, so a sheet reads one range in order): what the activity report needs, kept exact by triggers as trip summaries are
-- written, changed or deleted, and as a loan's borrower or site or a rider's band or previous
-- commute changes. A report over a year then reads a few rows per month, site and band instead of
-- every trip.

-- A trip between two scheme sites is business travel (GHG Protocol Scope 3 category 6), reported
-- apart from commuting (category 7). Set when positions are summarised; trips summarised before
-- this migration kept no coordinates to tell, so they count as commuting.
ALTER TABLE trip_summaries ADD COLUMN journey TEXT NOT NULL DEFAULT 'commute'
  CHECK (journey IN ('commute', 'between_sites'));

-- Distances are whole millimetres so that adding and taking away a trip leaves no rounding behind.
-- previous_mode '' : not recorded. car_occupancy is 1 for every mode but a car.
CREATE TABLE trip_month_totals (
  month          TEXT NOT NULL,  -- 'YYYY-MM', UTC, of the trip's start
  site_id        INTEGER NOT NULL,
  pay_band       TEXT NOT NULL,
  previous_mode  TEXT NOT NULL,
  car_occupancy  INTEGER NOT NULL,
  journey        TEXT NOT NULL,
  trips          INTEGER NOT NULL,
  riders         INTEGER NOT NULL,  -- distinct riders in this row, from rider_month_trips
  distance_mm    INTEGER NOT NULL,
  odometer_mm    INTEGER NOT NULL,  -- the part of distance_mm measured by the bike's odometer
  gpx_mm         INTEGER NOT NULL,  -- the part from GPX files riders attached
  vehicle_mm     INTEGER NOT NULL,
  unobserved_mm  INTEGER NOT NULL,
  PRIMARY KEY (journey, month, site_id, pay_band, previous_mode, car_occupancy)
) WITHOUT ROWID;

-- One row per rider and month of trip_month_totals: distinct riders cannot be summed from counts.
CREATE TABLE rider_month_trips (
  month          TEXT NOT NULL,
  site_id        INTEGER NOT NULL,
  pay_band       TEXT NOT NULL,
  previous_mode  TEXT NOT NULL,
  car_occupancy  INTEGER NOT NULL,
  journey        TEXT NOT NULL,
  staff_id       INTEGER NOT NULL,
  trips          INTEGER NOT NULL,
  distance_mm    INTEGER NOT NULL,
  PRIMARY KEY (journey, month, site_id, pay_band, previous_mode, car_occupancy, staff_id)
) WITHOUT ROWID;
CREATE INDEX rider_month_trips_by_staff ON rider_month_trips(staff_id, month);

-- What each summarised trip on a loan adds to the rollups, from its loan and rider as they are now.
CREATE VIEW trip_rollup_rows AS
SELECT t.id AS trip_id,
       strftime('%Y-%m', t.started_ms / 1000, 'unixepoch') AS month,
       l.site_id AS site_id,
       s.pay_band AS pay_band,
       coalesce(s.commute_mode, '') AS previous_mode,
       CASE WHEN s.commute_mode LIKE 'car\_%' ESCAPE '\' THEN s.commute_car_occupancy ELSE 1 END AS car_occupancy,
       t.journey AS journey,
       l.staff_id AS staff_id,
       CAST(round(t.distance_m * 1000) AS INTEGER) AS distance_mm,
       CASE WHEN t.distance_source = 'odometer' THEN CAST(round(t.distance_m * 1000) AS INTEGER) ELSE 0 END AS odometer_mm,
       CASE WHEN t.from_gpx = 1 THEN CAST(round(t.distance_m * 1000) AS INTEGER) ELSE 0 END AS gpx_mm,
       CAST(round(t.vehicle_distance_m * 1000) AS INTEGER) AS vehicle_mm,
       CAST(round(t.unobserved_distance_m * 1000) AS INTEGER) AS unobserved_mm,
       t.loan_id AS loan_id
FROM trip_summaries t
JOIN loans l ON l.id = t.loan_id
JOIN staff s ON s.id = l.staff_id;

-- Inserting a row here adds (trips 1) or takes away (trips -1) one trip's share of the rollups.
CREATE VIEW trip_rollup_changes AS
SELECT '' AS month, 0 AS site_id, '' AS pay_band, '' AS previous_mode, 1 AS car_occupancy, '' AS journey,
       0 AS staff_id, 0 AS trips, 0 AS distance_mm, 0 AS odometer_mm, 0 AS gpx_mm, 0 AS vehicle_mm,
       0 AS unobserved_mm
WHERE 0;

CREATE TRIGGER trip_rollup_apply INSTEAD OF INSERT ON trip_rollup_changes
BEGIN
  INSERT INTO trip_month_totals(month, site_id, pay_band, previous_mode, car_occupancy, journey, trips, riders,
                                distance_mm, odometer_mm, gpx_mm, vehicle_mm, unobserved_mm)
  VALUES (NEW.month, NEW.site_id, NEW.pay_band, NEW.previous_mode, NEW.car_occupancy, NEW.journey, NEW.trips, 0,
          NEW.trips * NEW.distance_mm, NEW.trips * NEW.odometer_mm, NEW.trips * NEW.gpx_mm,
          NEW.trips * NEW.vehicle_mm, NEW.trips * NEW.unobserved_mm)
  ON CONFLICT DO UPDATE SET trips = trips + excluded.trips, distance_mm = distance_mm + excluded.distance_mm,
    odometer_mm = odometer_mm + excluded.odometer_mm, gpx_mm = gpx_mm + excluded.gpx_mm,
    vehicle_mm = vehicle_mm + excluded.vehicle_mm, unobserved_mm = unobserved_mm + excluded.unobserved_mm;
  INSERT INTO rider_month_trips(month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, trips,
                                distance_mm)
  VALUES (NEW.month, NEW.site_id, NEW.pay_band, NEW.previous_mode, NEW.car_occupancy, NEW.journey, NEW.staff_id,
          NEW.trips, NEW.trips * NEW.distance_mm)
  ON CONFLICT DO UPDATE SET trips = trips + excluded.trips, distance_mm = distance_mm + excluded.distance_mm;
  DELETE FROM rider_month_trips
   WHERE month = NEW.month AND site_id = NEW.site_id AND pay_band = NEW.pay_band AND previous_mode = NEW.previous_mode
     AND car_occupancy = NEW.car_occupancy AND journey = NEW.journey AND staff_id = NEW.staff_id AND trips = 0;
  DELETE FROM trip_month_totals
   WHERE month = NEW.month AND site_id = NEW.site_id AND pay_band = NEW.pay_band AND previous_mode = NEW.previous_mode
     AND car_occupancy = NEW.car_occupancy AND journey = NEW.journey AND trips = 0;
END;

CREATE TRIGGER rider_month_counted AFTER INSERT ON rider_month_trips
BEGIN
  UPDATE trip_month_totals SET riders = riders + 1
   WHERE month = NEW.month AND site_id = NEW.site_id AND pay_band = NEW.pay_band AND previous_mode = NEW.previous_mode
     AND car_occupancy = NEW.car_occupancy AND journey = NEW.journey;
END;

CREATE TRIGGER rider_month_uncounted AFTER DELETE ON rider_month_trips
BEGIN
  UPDATE trip_month_totals SET riders = riders - 1
   WHERE month = OLD.month AND site_id = OLD.site_id AND pay_band = OLD.pay_band AND previous_mode = OLD.previous_mode
     AND car_occupancy = OLD.car_occupancy AND journey = OLD.journey;
END;

CREATE TRIGGER trip_summary_added AFTER INSERT ON trip_summaries WHEN NEW.loan_id IS NOT NULL
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, 1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE trip_id = NEW.id;
END;

CREATE TRIGGER trip_summary_removed BEFORE DELETE ON trip_summaries WHEN OLD.loan_id IS NOT NULL
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, -1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE trip_id = OLD.id;
END;

CREATE TRIGGER trip_summary_changing
BEFORE UPDATE OF loan_id, started_ms, distance_m, distance_source, from_gpx, vehicle_distance_m,
                 unobserved_distance_m, journey ON trip_summaries
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, -1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE trip_id = OLD.id;
END;

CREATE TRIGGER trip_summary_changed
AFTER UPDATE OF loan_id, started_ms, distance_m, distance_source, from_gpx, vehicle_distance_m,
                unobserved_distance_m, journey ON trip_summaries
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, 1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE trip_id = NEW.id;
END;

CREATE TRIGGER loan_rider_changing BEFORE UPDATE OF staff_id, site_id ON loans
WHEN OLD.staff_id IS NOT NEW.staff_id OR OLD.site_id IS NOT NEW.site_id
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, -1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE loan_id = OLD.id;
END;

CREATE TRIGGER loan_rider_changed AFTER UPDATE OF staff_id, site_id ON loans
WHEN OLD.staff_id IS NOT NEW.staff_id OR OLD.site_id IS NOT NEW.site_id
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, 1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE loan_id = NEW.id;
END;

CREATE TRIGGER rider_grouping_changing BEFORE UPDATE OF pay_band, commute_mode, commute_car_occupancy ON staff
WHEN OLD.pay_band IS NOT NEW.pay_band OR OLD.commute_mode IS NOT NEW.commute_mode
  OR OLD.commute_car_occupancy IS NOT NEW.commute_car_occupancy
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, -1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE staff_id = OLD.id;
END;

CREATE TRIGGER rider_grouping_changed AFTER UPDATE OF pay_band, commute_mode, commute_car_occupancy ON staff
WHEN OLD.pay_band IS NOT NEW.pay_band OR OLD.commute_mode IS NOT NEW.commute_mode
  OR OLD.commute_car_occupancy IS NOT NEW.commute_car_occupancy
BEGIN
  INSERT INTO trip_rollup_changes
  SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, 1, distance_mm, odometer_mm,
         gpx_mm, vehicle_mm, unobserved_mm FROM trip_rollup_rows WHERE staff_id = NEW.id;
END;

-- The trips summarised before this migration.
INSERT INTO trip_rollup_changes
SELECT month, site_id, pay_band, previous_mode, car_occupancy, journey, staff_id, 1, distance_mm, odometer_mm, gpx_mm,
       vehicle_mm, unobserved_mm FROM trip_rollup_rows;

-- Finding the loans that count towards a month: checked out in it, or on loan during it.
CREATE INDEX loans_by_site_checkout ON loans(site_id, checked_out_at);
