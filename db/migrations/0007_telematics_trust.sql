-- What a fix's record can and cannot tell. A device that sends no time gets the time its fix
-- arrived (time_estimated); a fix after a break in the record, such as a new GPX segment, says
-- that nothing was observed since the fix before it (follows_break); a fix far outside the
-- scheme's area is kept, flagged, and never counted (outside_area).
ALTER TABLE positions ADD COLUMN time_estimated INTEGER NOT NULL DEFAULT 0 CHECK (time_estimated IN (0, 1));
ALTER TABLE positions ADD COLUMN follows_break INTEGER NOT NULL DEFAULT 0 CHECK (follows_break IN (0, 1));
ALTER TABLE positions ADD COLUMN outside_area INTEGER NOT NULL DEFAULT 0 CHECK (outside_area IN (0, 1));

-- The straight line across breaks in the record within a trip: left out of its distance, kept so
-- a report can say how much was not observed.
ALTER TABLE trip_summaries ADD COLUMN unobserved_distance_m REAL NOT NULL DEFAULT 0 CHECK (unobserved_distance_m >= 0);

-- An optional secret a tracker sends in its URL, kept as the SHA-256 of a 256-bit random token.
ALTER TABLE trackers ADD COLUMN secret_digest TEXT;

-- Where each site is, so fixes far from every site can be flagged. NULL: not set.
ALTER TABLE sites ADD COLUMN lat_udeg INTEGER CHECK (lat_udeg BETWEEN -90000000 AND 90000000);
ALTER TABLE sites ADD COLUMN lon_udeg INTEGER CHECK (lon_udeg BETWEEN -180000000 AND 180000000);

-- Devices that send fixes as no active tracker (or with a wrong secret): the OsmAnd answer is the
-- same for them as for a known tracker, so a coordinator finds a misconfigured device here. A
-- fixed number of slots, chosen by a hash of the device id, bounds the table whoever sends.
CREATE TABLE refused_senders (
  slot        INTEGER PRIMARY KEY CHECK (slot BETWEEN 0 AND 255),
  device_id   TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('unknown_device', 'wrong_secret')),
  fixes       INTEGER NOT NULL CHECK (fixes > 0),
  last_at     INTEGER NOT NULL
);
