#pragma once

#include <cmath>
#include <numbers>

#include "pedalpower/telematics/geo.hpp"

namespace pedalpower::telematics::detail {

/// The haversine for the short steps between neighbouring fixes, with no library trigonometry
/// per step: it is most of the estimator's work otherwise. For half-angles below 0.005 rad (a
/// step under about 60 km) the Taylor series of sin and asin below are exact to double
/// precision, and cos(lat) comes from the angle-addition formula around a cached latitude.
/// Longer steps use haversine_m. Coefficients are written as constant reciprocals so the
/// compiler folds them into multiplications.
class step_haversine {
public:
  double metres(geo_point from, geo_point to) noexcept
  {
    constexpr double radians = std::numbers::pi / 180.0;
    const double half_dlat = (to.lat - from.lat) * radians * 0.5;
    const double half_dlon = (to.lon - from.lon) * radians * 0.5;
    if (std::abs(half_dlat) > 0.005 || std::abs(half_dlon) > 0.005) return haversine_m(from, to);
    const double sin_dlat = small_sin(half_dlat);
    const double sin_dlon = small_sin(half_dlon);
    const double h = sin_dlat * sin_dlat + cos_of(from.lat * radians) * cos_of(to.lat * radians) * sin_dlon * sin_dlon;
    return 2.0 * mean_earth_radius_m * small_asin(std::sqrt(h));
  }

private:
  static double small_sin(double x) noexcept
  {
    const double x2 = x * x;
    return x * (1.0 + x2 * (-1.0 / 6.0 + x2 * (1.0 / 120.0 - x2 * (1.0 / 5040.0))));
  }

  static double small_asin(double y) noexcept
  {
    const double y2 = y * y;
    return y * (1.0 + y2 * (1.0 / 6.0 + y2 * (3.0 / 40.0 + y2 * (5.0 / 112.0))));
  }

  /// cos(phi) from cos and sin at a latitude within 0.001 rad (6 km) of it.
  double cos_of(double phi) noexcept
  {
    double delta = phi - reference_;
    if (std::abs(delta) > 0.001) {
      reference_ = phi;
      cos_reference_ = std::cos(phi);
      sin_reference_ = std::sin(phi);
      delta = 0.0;
    }
    const double d2 = delta * delta;
    const double cos_delta = 1.0 + d2 * (-0.5 + d2 * (1.0 / 24.0));
    const double sin_delta = delta * (1.0 + d2 * (-1.0 / 6.0 + d2 * (1.0 / 120.0)));
    return cos_reference_ * cos_delta - sin_reference_ * sin_delta;
  }

  double reference_ = 1000.0;  // no latitude, so the first call sets the cache
  double cos_reference_ = 0.0;
  double sin_reference_ = 0.0;
};

}  // namespace pedalpower::telematics::detail
