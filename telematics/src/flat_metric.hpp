#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>

#include "pedalpower/telematics/geo.hpp"

namespace pedalpower::telematics::detail {

inline constexpr double metres_per_degree = mean_earth_radius_m * std::numbers::pi / 180.0;

/// Metres per degree of longitude at `lat`. Clamped away from zero so a fix at a pole cannot
/// cause a division by zero.
inline double metres_per_degree_east(double lat) noexcept
{
  return metres_per_degree * std::max(std::cos(lat * std::numbers::pi / 180.0), 1e-9);
}

/// Squared equirectangular distance, for threshold tests on the hot path. Over the distances
/// where thresholds bite it agrees with the haversine to well under 0.1 %, and it costs no
/// trigonometry per call: the cosine is refreshed only once latitude has moved 0.05°, which keeps
/// the east-west scale within about 0.15 % up to 60° north.
class flat_metric {
public:
  double squared_m2(double lat1, double lon1, double lat2, double lon2) noexcept
  {
    if (std::abs(lat1 - scale_lat_) > 0.05) {
      scale_lat_ = lat1;
      east_ = metres_per_degree_east(lat1);
    }
    const double north = (lat2 - lat1) * metres_per_degree;
    const double east = (lon2 - lon1) * east_;
    return north * north + east * east;
  }

private:
  double scale_lat_ = 1000.0;  // outside any latitude, so the first call sets the scale
  double east_ = 0.0;
};

}  // namespace pedalpower::telematics::detail
