#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "pedalpower/telematics/cleaning.hpp"
#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// Defaults are those an e-bike operator tuned Traccar to (130 s, 215 m, 5 min, 1 h): Traccar's
/// car-oriented 300 s / 500 m would drop short but real hops between hospital sites.
struct trip_options {
  /// Faster than walking pace (about 1.4 m/s), so a bike pushed along or GPS drift is not riding.
  /// Traccar's 0.01 knots trusts a device's Doppler speed; ours is measured between fixes.
  double motion_speed_mps = 1.5;
  /// A stop at least this long ends a trip (Traccar's default and the operator's: 5 min).
  std::chrono::seconds min_stop{300};
  /// No data for at least this long ends a trip, and the straight line across is never counted.
  std::chrono::seconds max_gap{3600};
  /// A trip is kept if it lasts at least this long OR covers at least min_trip_distance_m.
  std::chrono::seconds min_trip_duration{130};
  double min_trip_distance_m = 215.0;
  /// The odometer is preferred when it agrees with the track within relative × track + absolute.
  /// 10 % covers a wheel-size setting that is a size out and GPS losses in tunnels and urban
  /// canyons; 50 m covers where motion detection puts a short trip's ends. A larger gap means a
  /// reset odometer or a unit error, and the track is used.
  double odometer_relative_tolerance = 0.10;
  double odometer_absolute_tolerance_m = 50.0;
};

enum class distance_source { gps_track, odometer };

/// "gps_track" or "odometer". Never throws.
std::string_view to_string(distance_source source) noexcept;

struct trip {
  time_point start_time{};
  time_point end_time{};
  geo_point start_point;
  geo_point end_point;
  double distance_m = 0.0;  ///< the cycling distance counted, taken from `source`
  distance_source source = distance_source::gps_track;
  double track_distance_m = 0.0;               ///< cycling distance along the cleaned track
  std::optional<double> odometer_distance_m;   ///< odometer delta, when the first and last fix carry one
  double excluded_distance_m = 0.0;            ///< moved in a car or on a train: not cycling
  std::chrono::milliseconds moving_time{0};    ///< time cycling in motion, stops and vehicles left out
  std::size_t position_count = 0;              ///< cleaned fixes from start to end
  std::size_t first_index = 0;                 ///< of the start fix in the track given
  std::size_t last_index = 0;                  ///< of the end fix in the track given
};

/// A stretch within a trip ridden in a car or on a train, left out of the cycling distance.
struct vehicle_stretch {
  std::size_t trip = 0;  ///< index into segmentation::trips
  time_point start_time{};
  time_point end_time{};
  double distance_m = 0.0;
};

struct segmentation {
  std::vector<trip> trips;
  std::vector<vehicle_stretch> vehicle_stretches;
  std::size_t fixes_within_min_move = 0;  ///< absorbed as jitter or slow creep (see min_move_m)
  std::size_t short_trips_dropped = 0;
};

/// Splits a cleaned, time-ordered track into trips: motion above motion_speed_mps starts one; a
/// stop of min_stop or a gap of max_gap ends it. While walking the track it applies the motion
/// steps of cleaning_options (jitter and vehicle stretches). Distances are haversine between
/// points at least min_move_m apart, so a trip is never inflated by jitter.
class trip_segmenter {
public:
  explicit trip_segmenter(const trip_options& trips = {}, const cleaning_options& cleaning = {});

  /// Segments `track`; indices in the result refer to it. Throws only std::bad_alloc.
  segmentation segment(std::span<const track_point> track) const;

private:
  trip_options trips_;
  cleaning_options cleaning_;
};

}  // namespace pedalpower::telematics
