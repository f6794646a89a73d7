#include "pedalpower/telematics/geo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pedalpower::telematics {

double haversine_m(geo_point from, geo_point to) noexcept
{
  constexpr double radians = std::numbers::pi / 180.0;
  const double sin_half_dlat = std::sin((to.lat - from.lat) * radians * 0.5);
  const double sin_half_dlon = std::sin((to.lon - from.lon) * radians * 0.5);
  const double h = sin_half_dlat * sin_half_dlat +
                   std::cos(from.lat * radians) * std::cos(to.lat * radians) * sin_half_dlon * sin_half_dlon;
  // Rounding can push h a hair above 1 for antipodal points; asin would then return NaN.
  return 2.0 * mean_earth_radius_m * std::asin(std::sqrt(std::min(h, 1.0)));
}

}  // namespace pedalpower::telematics
