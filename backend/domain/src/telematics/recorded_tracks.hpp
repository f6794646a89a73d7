#pragma once

#include <cstdint>
#include <vector>

#include "pedalpower/telematics/position.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A bike's raw fixes over a time range, in time order, apart by how they were recorded: a
/// tracker and a rider's GPX file are two devices, and a trip is never stitched across them.
struct recorded_tracks {
  std::vector<telematics::track_point> tracker;
  std::vector<telematics::track_point> gpx;

  std::vector<telematics::track_point>& recorded_by(bool from_gpx) { return from_gpx ? gpx : tracker; }
};

/// The fixes of `bike_id` taken in [from_ms, until_ms); one flagged outside the scheme's area
/// comes back invalid. Throws db::error.
recorded_tracks load_recorded_tracks(db::connection& db, std::int64_t bike_id, std::int64_t from_ms, std::int64_t until_ms);

}  // namespace pedalpower::domain
