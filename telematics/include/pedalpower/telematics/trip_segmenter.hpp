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
  /// No fix for longer than this is a break in the record, as a new GPX segment is: trackers send
  /// every few seconds while moving, so what happened in between was not observed.
  std::chrono::seconds break_after{60};
  /// A break at most this long is bridged as cycling when the bike rode into it and the straight
  /// line across it carries on the way it was going at a riding speed: a tunnel or an underpass.
  /// Any other break is not cycling distance; its straight line is reported as unobserved.
  std::chrono::seconds max_bridged_break{120};
  /// "Carries on the way it was going": the heading into the break and the line across it differ
  /// by at most this many degrees.
  double max_bridge_turn_deg = 30.0;
  /// No e-bike averages more than this over a fast stretch or a whole trip (a strong rider
  /// downhill touches 50 km/h). A fast stretch above it is a vehicle however short, and a trip
  /// above it is never counted (unless vehicle detection is off: cleaning_options::vehicle_speed_mps).
  double max_bike_speed_mps = 60.0 / 3.6;
  /// Faster than any train in the UK: a move between two timed fixes at this speed was made by
  /// nothing at all (a bad clock or a forged fix). It ends the trip and is never counted.
  double impossible_speed_mps = 100.0;
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
  double unobserved_distance_m = 0.0;          ///< straight lines across breaks within the trip not bridged: not cycling
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
  /// Straight lines across every break in the record not bridged, within trips or between them.
  double unobserved_distance_m = 0.0;
  std::size_t breaks_bridged = 0;
  std::size_t impossible_moves = 0;        ///< see trip_options::impossible_speed_mps
  double impossible_distance_m = 0.0;
  std::size_t implausible_trips_dropped = 0;  ///< faster on average than max_bike_speed_mps
};

/// Splits a cleaned, time-ordered track into trips: motion above motion_speed_mps starts one; a
/// stop of min_stop or a gap of max_gap ends it. While walking the track it applies the motion
/// steps of cleaning_options (jitter and vehicle stretches). Distances are haversine between
/// points at least min_move_m apart, so a trip is never inflated by jitter.
/// What was not observed is not counted: a step across a break (follows_break, or no fix for
/// break_after) is cycling only when bridged (see max_bridged_break), and a step to or from a fix
/// stamped on arrival (time_estimated) only at a speed a bike rides at, never as a vehicle or an
/// impossible move; the rest is unobserved distance. A break of min_stop or more ends the trip.
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
