#pragma once

namespace pedalpower::telematics {

/// The IUGG mean Earth radius. A sphere of this radius is within about 0.3 % of the ellipsoid,
/// far below GPS error, so every distance here is a haversine on it.
inline constexpr double mean_earth_radius_m = 6'371'008.8;

struct geo_point {
  double lat = 0.0;  ///< degrees
  double lon = 0.0;  ///< degrees

  bool operator==(const geo_point&) const = default;
};

/// Great-circle distance in metres between two points. Never throws.
double haversine_m(geo_point from, geo_point to) noexcept;

}  // namespace pedalpower::telematics
