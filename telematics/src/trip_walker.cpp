#include "trip_walker.hpp"

#include <cmath>
#include <limits>
#include <utility>

namespace pedalpower::telematics::detail {

void trip_walker::push(const indexed_fix& next)
{
  const std::size_t ordinal = pushed_++;
  const auto& fix = next.fix;
  if (ordinal == 0) {
    anchor_ = {fix, next.index, ordinal};
    previous_time_ = fix.time;
    return;
  }
  const bool gap = fix.time - previous_time_ >= trips_.max_gap;
  previous_time_ = fix.time;
  if (gap) {
    close();
    anchor_ = {fix, next.index, ordinal};
    return;
  }
  const auto& from = anchor_.fix;
  if (metric_.squared_m2(from.lat, from.lon, fix.lat, fix.lon) < cleaning_.min_move_m * cleaning_.min_move_m) {
    ++out_.fixes_within_min_move;
    return;
  }
  const mark here{fix, next.index, ordinal};
  step(anchor_, here, distance_.metres({from.lat, from.lon}, {fix.lat, fix.lon}));
  anchor_ = here;
}

segmentation trip_walker::finish()
{
  close();
  return std::move(out_);
}

void trip_walker::step(const mark& from, const mark& to, double distance_m)
{
  const auto dt = to.fix.time - from.fix.time;
  if (dt >= trips_.max_gap) {
    // Too long between counted points to know the route: never riding, and the end of any trip.
    close();
    return;
  }
  const double seconds = std::chrono::duration<double>(dt).count();
  const double speed = seconds > 0.0 ? distance_m / seconds : std::numeric_limits<double>::infinity();
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
}

void trip_walker::end_fast_stretch()
{
  if (!current_.fast) return;
  // Long enough above vehicle speed to be a car or train; otherwise a quick ride that counts.
  if (current_.fast_core >= cleaning_.vehicle_min_duration) {
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
  if (made.end_time - made.start_time >= trips_.min_trip_duration || made.distance_m >= trips_.min_trip_distance_m) {
    out_.trips.push_back(made);
  } else {
    ++out_.short_trips_dropped;
    out_.vehicle_stretches.resize(current_.first_stretch);
  }
  current_ = progress{};
}

}  // namespace pedalpower::telematics::detail
