#include "pedalpower/telematics/privacy_zone.hpp"

#include <cmath>

#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics {

std::span<const track_point> displayable_track(std::span<const track_point> track,
                                               std::span<const privacy_zone> zones)
{
  for (const auto& zone : zones) {
    if (!std::isfinite(zone.radius_m) || zone.radius_m <= 0.0) {
      throw invalid_input("radius_m", "a privacy zone needs a positive radius in metres");
    }
  }
  const auto hidden = [&](const track_point& fix) {
    for (const auto& zone : zones) {
      if (haversine_m(zone.centre, {fix.lat, fix.lon}) <= zone.radius_m) return true;
    }
    return false;
  };
  std::size_t first = 0;
  while (first < track.size() && hidden(track[first])) ++first;
  std::size_t end = track.size();
  while (end > first && hidden(track[end - 1])) --end;
  return track.subspan(first, end - first);
}

}  // namespace pedalpower::telematics
