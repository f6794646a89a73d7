#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pedalpower::telematics {

/// A UTC instant to the millisecond: the resolution phones and GPX files report fix times in.
using time_point = std::chrono::sys_time<std::chrono::milliseconds>;

/// One fix as a device reported it, with everything the ingest protocols carry.
struct position {
  std::string device_id;
  time_point time{};
  double lat = 0.0;  ///< degrees north, WGS84
  double lon = 0.0;  ///< degrees east, WGS84
  std::optional<double> accuracy_m;  ///< horizontal, as reported (phones give a 68 % radius)
  std::optional<double> speed_mps;
  std::optional<double> bearing_deg;
  std::optional<double> altitude_m;
  std::optional<double> hdop;
  std::optional<double> odometer_m;
  std::optional<double> battery;  ///< charge as a fraction 0–1, never a percent
  bool valid = true;              ///< false when the device itself flagged the fix as invalid
  /// The device sent no time, so the fix carries the time it arrived. A device that held fixes
  /// while offline sends them together, so the time between two such fixes says nothing of speed.
  bool time_estimated = false;
  /// The recorder had no reception or was off just before this fix (a new GPX track or segment):
  /// nothing was observed between the fix before it and this one.
  bool follows_break = false;
  std::map<std::string, std::string> attributes;  ///< every other key the device sent

  bool operator==(const position&) const = default;
};

/// The part of a fix the distance estimator reads. Kept small because tracks run to millions of
/// fixes; speeds are derived from positions so GPX files and live data are treated alike.
struct track_point {
  time_point time{};
  double lat = 0.0;
  double lon = 0.0;
  std::optional<double> accuracy_m;
  std::optional<double> odometer_m;
  bool valid = true;
  bool time_estimated = false;  ///< as position::time_estimated
  bool follows_break = false;   ///< as position::follows_break

  bool operator==(const track_point&) const = default;
};

/// Reduces a position to what the estimator reads. Never throws.
track_point to_track_point(const position& fix) noexcept;

/// Reduces positions to a track, keeping their order. Throws only std::bad_alloc.
std::vector<track_point> to_track(std::span<const position> positions);

}  // namespace pedalpower::telematics
