#include "pedalpower/telematics/position.hpp"

namespace pedalpower::telematics {

track_point to_track_point(const position& fix) noexcept
{
  return {fix.time, fix.lat, fix.lon, fix.accuracy_m, fix.odometer_m, fix.valid, fix.time_estimated, fix.follows_break};
}

std::vector<track_point> to_track(std::span<const position> positions)
{
  std::vector<track_point> track;
  track.reserve(positions.size());
  for (const auto& fix : positions) track.push_back(to_track_point(fix));
  return track;
}

}  // namespace pedalpower::telematics
