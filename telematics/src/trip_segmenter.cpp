#include "pedalpower/telematics/trip_segmenter.hpp"

#include "trip_walker.hpp"

namespace pedalpower::telematics {

std::string_view to_string(distance_source source) noexcept
{
  return source == distance_source::odometer ? "odometer" : "gps_track";
}

trip_segmenter::trip_segmenter(const trip_options& trips, const cleaning_options& cleaning)
    : trips_(trips), cleaning_(cleaning)
{
}

segmentation trip_segmenter::segment(std::span<const track_point> track) const
{
  detail::trip_walker walker(trips_, cleaning_);
  for (std::size_t i = 0; i < track.size(); ++i) walker.push({track[i], i});
  return walker.finish();
}

}  // namespace pedalpower::telematics
