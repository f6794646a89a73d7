#pragma once

#include <chrono>
#include <span>

#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

/// GPS noise makes a polyline zig-zag, and every zig-zag adds length: at 1 Hz and 5 m of error a
/// raw track of a bike ride is about twice as long as the ride. A constant-velocity Kalman filter
/// with a Rauch–Tung–Striebel backward pass removes the noise without the lag (and so the corner
/// cutting) of a one-way filter.
struct smoothing_options {
  bool enabled = true;
  /// Per-axis error assumed for a fix that reports no accuracy: a phone outdoors.
  double default_sigma_m = 5.0;
  /// How hard a rider may change velocity, as white-noise acceleration (m/s² per √s) per m/s of
  /// speed. Turning a corner of radius r at speed v takes v²/r, and riders take corners wider the
  /// faster they go, so the allowance grows with speed. A fixed allowance either rounds off fast
  /// corners or lets noise through at walking pace. A quarter of the speed per second keeps
  /// synthetic rides at 3–7 m/s with 5 m of noise, straight or through town corners, within 1 %
  /// of their length (tested in estimator_test).
  double acceleration_per_speed = 0.25;
  /// The allowance when slow or standing still, enough to set off from a stop.
  double min_acceleration = 0.3;
  /// Without a fix for longer than this the velocity is unknown; the filter starts afresh.
  std::chrono::seconds restart_after{60};
};

/// Replaces each fix's lat/lon by its smoothed estimate. Reported accuracy (a 68 % radius, about
/// 1.5 per-axis standard deviations) weights each fix. Fixes must be in time order, as
/// clean_track leaves them. Does nothing when disabled. Throws only std::bad_alloc.
void smooth_track(std::span<track_point> track, const smoothing_options& options = {});

}  // namespace pedalpower::telematics
