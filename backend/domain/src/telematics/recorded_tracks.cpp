#include "recorded_tracks.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {

recorded_tracks load_recorded_tracks(db::connection& db, std::int64_t bike_id, std::int64_t from_ms, std::int64_t until_ms)
{
  recorded_tracks tracks;
  auto& rows = db.query("SELECT time_ms, lat_udeg, lon_udeg, accuracy_dm, odometer_m, valid, from_gpx, time_estimated,"
                        " follows_break, outside_area FROM positions"
                        " WHERE bike_id = ?1 AND time_ms >= ?2 AND time_ms < ?3 ORDER BY time_ms",
                        bike_id, from_ms, until_ms);
  while (rows.step()) {
    telematics::track_point point;
    point.time = telematics::time_point(std::chrono::milliseconds(rows.get_int(0)));
    point.lat = static_cast<double>(rows.get_int(1)) / 1e6;
    point.lon = static_cast<double>(rows.get_int(2)) / 1e6;
    if (const auto accuracy_dm = rows.get_optional_int(3)) point.accuracy_m = static_cast<double>(*accuracy_dm) / 10.0;
    if (const auto odometer_m = rows.get_optional_int(4)) point.odometer_m = static_cast<double>(*odometer_m);
    // A fix far outside the scheme's area is never counted: to the cleaner it is an invalid fix.
    point.valid = rows.get_int(5) != 0 && rows.get_int(9) == 0;
    point.time_estimated = rows.get_int(7) != 0;
    point.follows_break = rows.get_int(8) != 0;
    tracks.recorded_by(rows.get_int(6) != 0).push_back(point);
  }
  return tracks;
}

}  // namespace pedalpower::domain
