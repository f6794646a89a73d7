#include "trip_walker.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace pedalpower::telematics::detail {

namespace {

/// The angle between the line a→b and the line b→c, in degrees (0 to 180), on a local flat map.
double heading_change_deg(geo_point a, geo_point b, geo_point c) noexcept
{
  const double east = std::cos(b.lat * std::numbers::pi / 180.0);
  const double in = std::atan2(b.lat - a.lat, (b.lon - a.lon) * east);
  const double out = std::atan2(c.lat - b.lat, (c.lon - b.lon) * east);
  const double turn = std::abs(std::remainder(out - in, 2.0 * std::numbers::pi));
  return turn * 180.0 / std::numbers::pi;
}

}  // namespace

void trip_walker::push(const indexed_fix& next)
{
  const std::size_t ordinal = pushed_++;
  const auto& fix = next.fix;
  if (ordinal == 0) {
    anchor_ = {fix, next.index, ordinal};
    previous_time_ = fix.time;
    return;
  }
  const auto silence = fix.time - previous_time_;
  previous_time_ = fix.time;
  const auto& from = anchor_.fix;
  if (silence >= trips_.max_gap) {
    close();
    if (metric_.squared_m2(from.lat, from.lon, fix.lat, fix.lon) >= cleaning_.min_move_m * cleaning_.min_move_m) {
      out_.unobserved_distance_m += distance_.metres({from.lat, from.lon}, {fix.lat, fix.lon});
    }
    anchor_ = {fix, next.index, ordinal};
    since_anchor_ = {};
    return;
  }
  since_anchor_.across_break = since_anchor_.across_break || fix.follows_break || silence > trips_.break_after;
  since_anchor_.approximate = since_anchor_.approximate || fix.time_estimated || from.time_estimated;
  if (metric_.squared_m2(from.lat, from.lon, fix.lat, fix.lon) < cleaning_.min_move_m * cleaning_.min_move_m) {
    ++out_.fixes_within_min_move;
    return;
  }
  const mark here{fix, next.index, ordinal};
  step(anchor_, here, distance_.metres({from.lat, from.lon}, {fix.lat, fix.lon}), std::exchange(since_anchor_, {}));
  anchor_ = here;
}

segmentation trip_walker::finish()
{
  close();
  return std::move(out_);
}

void trip_walker::step(const mark& from, const mark& to, double distance_m, step_record record)
{
  const auto dt = to.fix.time - from.fix.time;
  if (dt >= trips_.max_gap) {
    // Too long between counted points to know the route: never riding, and the end of any trip.
    close();
    return;
  }
  const double seconds = std::chrono::duration<double>(dt).count();
  const double speed = seconds > 0.0 ? distance_m / seconds : std::numeric_limits<double>::infinity();
  if (record.across_break) {
    if (!bridges(from, to, speed, dt)) return unobserved(to, distance_m);
    ++out_.breaks_bridged;
  } else if (record.approximate) {
    // Times of arrival can bunch up or spread out: only a riding speed is believed, and never a
    // vehicle's or an impossible one.
    if (speed > cleaning_.vehicle_release_speed_mps) return unobserved(to, distance_m);
  } else if (speed > trips_.impossible_speed_mps) {
    return impossible(distance_m);
  }
  const bool moving = speed >= trips_.motion_speed_mps;
  if (current_.open) {
    const auto still_since = moving ? from.fix.time : to.fix.time;
    if (still_since - current_.last_moving.fix.time >= trips_.min_stop) close();
  }
  if (!moving) {
    // Creeping in traffic or wheeling the bike: counted only if riding resumes before min_stop.
    if (current_.open) {
      end_fast_stretch();
      current_.pending_m += distance_m;
    }
    return;
  }
  if (!current_.open) {
    current_.open = true;
    current_.start = from;
    current_.first_stretch = out_.vehicle_stretches.size();
  }
  current_.cycling_m += current_.pending_m;
  current_.pending_m = 0.0;
  if (cleaning_.vehicle_speed_mps && speed > cleaning_.vehicle_release_speed_mps) {
    if (!current_.fast) current_.fast_from = from.fix.time;
    current_.fast = true;
    current_.fast_to = to.fix.time;
    current_.fast_m += distance_m;
    current_.fast_time += dt;
    if (speed > *cleaning_.vehicle_speed_mps) current_.fast_core += dt;
  } else {
    end_fast_stretch();
    current_.cycling_m += distance_m;
    current_.moving_time += dt;
  }
  current_.last_moving = to;
  current_.heading_from = geo_point{from.fix.lat, from.fix.lon};
}

bool trip_walker::bridges(const mark& from, const mark& to, double speed, std::chrono::milliseconds dt) const
{
  const bool rode_into_it = current_.open && current_.last_moving.ordinal == from.ordinal && current_.heading_from;
  if (!rode_into_it || dt > trips_.max_bridged_break) return false;
  if (speed < trips_.motion_speed_mps || speed > cleaning_.vehicle_release_speed_mps) return false;
  const double turn = heading_change_deg(*current_.heading_from, {from.fix.lat, from.fix.lon}, {to.fix.lat, to.fix.lon});
  return turn <= trips_.max_bridge_turn_deg;
}

void trip_walker::unobserved(const mark& to, double distance_m)
{
  end_fast_stretch();
  out_.unobserved_distance_m += distance_m;
  if (!current_.open) return;
  current_.unobserved_m += distance_m;
  // Whether the bike stopped in between is not known: a break as long as a stop ends the trip.
  if (to.fix.time - current_.last_moving.fix.time >= trips_.min_stop) close();
}

void trip_walker::impossible(double distance_m)
{
  ++out_.impossible_moves;
  out_.impossible_distance_m += distance_m;
  // Nothing either side of a move no vehicle can make belongs to the same ride.
  close();
}

void trip_walker::end_fast_stretch()
{
  if (!current_.fast) return;
  // Long enough above vehicle speed to be a car or train, or faster than any e-bike however
  // short; otherwise a quick ride that counts.
  const double fast_seconds = std::chrono::duration<double>(current_.fast_time).count();
  const bool beyond_a_bike = current_.fast_m > trips_.max_bike_speed_mps * fast_seconds;
  if (current_.fast_core >= cleaning_.vehicle_min_duration || beyond_a_bike) {
    current_.excluded_m += current_.fast_m;
    out_.vehicle_stretches.push_back({out_.trips.size(), current_.fast_from, current_.fast_to, current_.fast_m});
  } else {
    current_.cycling_m += current_.fast_m;
    current_.moving_time += current_.fast_time;
  }
  current_.fast = false;
  current_.fast_m = 0.0;
  current_.fast_time = std::chrono::milliseconds{0};
  current_.fast_core = std::chrono::milliseconds{0};
}

void trip_walker::close()
{
  if (!current_.open) return;
  end_fast_stretch();
  const auto& first = current_.start;
  const auto& last = current_.last_moving;
  trip made;
  made.start_time = first.fix.time;
  made.end_time = last.fix.time;
  made.start_point = {first.fix.lat, first.fix.lon};
  made.end_point = {last.fix.lat, last.fix.lon};
  made.track_distance_m = current_.cycling_m;
  made.distance_m = current_.cycling_m;
  made.excluded_distance_m = current_.excluded_m;
  made.unobserved_distance_m = current_.unobserved_m;
  made.moving_time = current_.moving_time;
  made.first_index = first.index;
  made.last_index = last.index;
  made.position_count = last.ordinal - first.ordinal + 1;
  if (first.fix.odometer_m && last.fix.odometer_m) {
    const double odometer_m = *last.fix.odometer_m - *first.fix.odometer_m;
    made.odometer_distance_m = odometer_m;
    const double tolerance_m =
        trips_.odometer_relative_tolerance * current_.cycling_m + trips_.odometer_absolute_tolerance_m;
    if (odometer_m >= 0.0 && std::abs(odometer_m - current_.cycling_m) <= tolerance_m) {
      made.distance_m = odometer_m;
      made.source = distance_source::odometer;
    }
  }
  const double elapsed_s = std::chrono::duration<double>(made.end_time - made.start_time).count();
  if (cleaning_.vehicle_speed_mps && made.distance_m > trips_.max_bike_speed_mps * elapsed_s) {
    ++out_.implausible_trips_dropped;
    out_.vehicle_stretches.resize(current_.first_stretch);
  } else if (made.end_time - made.start_time >= trips_.min_trip_duration ||
             made.distance_m >= trips_.min_trip_distance_m) {
    out_.trips.push_back(made);
  } else {
    ++out_.short_trips_dropped;
    out_.vehicle_stretches.resize(current_.first_stretch);
  }
  current_ = progress{};
}

}  // namespace pedalpower::telematics::detail
