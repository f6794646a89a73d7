#include "pedalpower/telematics/estimator.hpp"

#include "fix_cleaner.hpp"
#include "track_smoother.hpp"
#include "trip_walker.hpp"

namespace pedalpower::telematics {

track_estimate estimate_track(std::span<const track_point> track, const estimator_options& options)
{
  // Each stage hands the next only the fixes it has finished with, so the track is never copied.
  detail::fix_cleaner cleaner(options.cleaning);
  detail::track_smoother smoother(options.smoothing);
  detail::trip_walker walker(options.trips, options.cleaning);
  const auto to_walker = [&](std::span<const detail::track_smoother::entry> smoothed) {
    for (const auto& each : smoothed) walker.push(each.out);
  };
  const auto to_smoother = [&](std::span<const detail::fix_ref> kept) {
    for (const auto& each : kept) to_walker(smoother.push(*each.fix, each.index));
  };

  const auto order = detail::cleaning_order(track, options.cleaning);
  for (std::size_t n = 0; n < track.size(); ++n) {
    const std::size_t i = order.empty() ? n : order[n];
    to_smoother(cleaner.push(track[i], i));
  }
  to_smoother(cleaner.finish());
  to_walker(smoother.finish());

  track_estimate estimate;
  estimate.cleaning = cleaner.report();
  estimate.segments = walker.finish();
  estimate.unobserved_distance_m = estimate.segments.unobserved_distance_m;
  for (const auto& made : estimate.segments.trips) {
    estimate.distance_m += made.distance_m;
    estimate.excluded_distance_m += made.excluded_distance_m;
  }
  return estimate;
}

}  // namespace pedalpower::telematics
