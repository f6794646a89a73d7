#include "pedalpower/telematics/smoothing.hpp"

#include "track_smoother.hpp"

namespace pedalpower::telematics {

void smooth_track(std::span<track_point> track, const smoothing_options& options)
{
  detail::track_smoother smoother(options);
  const auto write_back = [&](std::span<const detail::track_smoother::entry> done) {
    for (const auto& each : done) track[each.out.index] = each.out.fix;
  };
  for (std::size_t i = 0; i < track.size(); ++i) write_back(smoother.push(track[i], i));
  write_back(smoother.finish());
}

}  // namespace pedalpower::telematics
