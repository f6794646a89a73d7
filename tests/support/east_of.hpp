#pragma once

#include <cmath>
#include <numbers>

#include "pedalpower/telematics/geo.hpp"

/// The point `metres` due east of `from` (west when negative) along its parallel: exact enough for
/// the few kilometres a test ride covers.
inline pedalpower::telematics::geo_point east_of(pedalpower::telematics::geo_point from, double metres)
{
  const double metres_per_degree = std::numbers::pi * pedalpower::telematics::mean_earth_radius_m *
                                   std::cos(from.lat * std::numbers::pi / 180.0) / 180.0;
  return {from.lat, from.lon + metres / metres_per_degree};
}
