#pragma once

// Builds tracks whose true length is known: a path of straights, arcs and stops in local metres,
// sampled at a fixed interval and placed on the map, optionally with seeded Gaussian GPS noise.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <utility>
#include <vector>

#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/position.hpp"

namespace synthetic {

using pedalpower::telematics::time_point;
using pedalpower::telematics::track_point;

inline constexpr double metres_per_degree = pedalpower::telematics::mean_earth_radius_m * std::numbers::pi / 180.0;

/// Basildon, where the scheme runs.
inline constexpr pedalpower::telematics::geo_point origin{51.5760, 0.4880};

/// 2025-03-03T07:30:00Z, a Monday commute.
inline time_point start_time()
{
  using namespace std::chrono;
  return time_point{sys_days{year{2025} / March / 3} + hours{7} + minutes{30}};
}

class path {
public:
  /// Rides `length_m` straight on at `speed_mps`.
  path& straight(double length_m, double speed_mps)
  {
    pieces_.push_back({piece::kind::straight, length_m / speed_mps, x_, y_, heading_, speed_mps, 0.0});
    x_ += length_m * std::cos(heading_);
    y_ += length_m * std::sin(heading_);
    length_m_ += length_m;
    return *this;
  }

  /// Turns through `degrees` (positive is left) on a circle of `radius_m` at `speed_mps`.
  path& turn(double degrees, double radius_m, double speed_mps)
  {
    const double angle = degrees * std::numbers::pi / 180.0;
    const double side = angle > 0 ? 1.0 : -1.0;
    const double cx = x_ - side * radius_m * std::sin(heading_);
    const double cy = y_ + side * radius_m * std::cos(heading_);
    const double arc = std::abs(angle) * radius_m;
    pieces_.push_back({piece::kind::arc, arc / speed_mps, cx, cy, heading_, speed_mps, side * radius_m});
    heading_ += angle;
    x_ = cx + side * radius_m * std::sin(heading_);
    y_ = cy - side * radius_m * std::cos(heading_);
    length_m_ += arc;
    return *this;
  }

  /// Stands still for `seconds`.
  path& stop(double seconds)
  {
    pieces_.push_back({piece::kind::still, seconds, x_, y_, heading_, 0.0, 0.0});
    return *this;
  }

  double length_m() const { return length_m_; }

  /// Fixes every `interval_s` seconds from `start`, without noise.
  std::vector<track_point> sample(double interval_s = 1.0, time_point start = start_time()) const
  {
    std::vector<track_point> fixes;
    double piece_start = 0.0;
    double t = 0.0;
    for (const auto& p : pieces_) {
      for (; t <= piece_start + p.duration_s + 1e-9; t += interval_s) {
        const auto [x, y] = p.at(t - piece_start);
        track_point fix;
        fix.time = start + std::chrono::milliseconds{static_cast<std::int64_t>(std::llround(t * 1000.0))};
        fix.lat = origin.lat + y / metres_per_degree;
        fix.lon = origin.lon + x / (metres_per_degree * std::cos(origin.lat * std::numbers::pi / 180.0));
        fixes.push_back(fix);
      }
      piece_start += p.duration_s;
    }
    return fixes;
  }

private:
  struct piece {
    enum class kind { straight, arc, still };
    kind type;
    double duration_s;
    double ax, ay;  ///< straight/still: start; arc: centre
    double heading;
    double speed;
    double signed_radius;

    std::pair<double, double> at(double t) const
    {
      if (type == kind::straight) return {ax + speed * t * std::cos(heading), ay + speed * t * std::sin(heading)};
      if (type == kind::still) return {ax, ay};
      const double side = signed_radius > 0 ? 1.0 : -1.0;
      const double r = std::abs(signed_radius);
      const double h = heading + side * speed * t / r;
      return {ax + side * r * std::sin(h), ay - side * r * std::cos(h)};
    }
  };

  std::vector<piece> pieces_;
  double x_ = 0.0;
  double y_ = 0.0;
  double heading_ = 0.0;  ///< radians anticlockwise from east
  double length_m_ = 0.0;
};

/// Adds independent Gaussian error of `sigma_m` metres to each axis of every fix.
inline std::vector<track_point> with_noise(std::vector<track_point> fixes, double sigma_m, std::uint64_t seed)
{
  std::mt19937_64 random(seed);
  std::normal_distribution<double> error(0.0, sigma_m);
  for (auto& fix : fixes) {
    fix.lat += error(random) / metres_per_degree;
    fix.lon += error(random) / (metres_per_degree * std::cos(fix.lat * std::numbers::pi / 180.0));
  }
  return fixes;
}

/// Shifts every fix's time by `offset`, to place one track after another.
inline std::vector<track_point> shifted(std::vector<track_point> fixes, std::chrono::milliseconds offset)
{
  for (auto& fix : fixes) fix.time += offset;
  return fixes;
}

/// `ride`, sampled from the same start as `before`, moved to start `pause` after `before` ends.
inline std::vector<track_point> following(const std::vector<track_point>& before, std::vector<track_point> ride,
                                          std::chrono::milliseconds pause)
{
  return shifted(
      std::move(ride),
      std::chrono::duration_cast<std::chrono::milliseconds>(before.back().time - before.front().time) + pause);
}

/// `first`, then `second`.
inline std::vector<track_point> joined(std::vector<track_point> first, const std::vector<track_point>& second)
{
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

}  // namespace synthetic
