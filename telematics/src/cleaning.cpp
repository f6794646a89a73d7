#include "pedalpower/telematics/cleaning.hpp"

#include <numeric>

#include "fix_cleaner.hpp"

namespace pedalpower::telematics {

std::string_view to_string(drop_reason reason) noexcept
{
  switch (reason) {
    case drop_reason::invalid: return "invalid";
    case drop_reason::duplicate: return "duplicate";
    case drop_reason::out_of_order: return "out_of_order";
    case drop_reason::low_accuracy: return "low_accuracy";
    case drop_reason::spike: return "spike";
  }
  return "unknown";
}

std::size_t cleaning_report::total_dropped() const noexcept
{
  return std::accumulate(dropped.begin(), dropped.end(), std::size_t{0});
}

cleaned_track clean_track(std::span<const track_point> track, const cleaning_options& options)
{
  cleaned_track out;
  out.points.reserve(track.size());
  out.source_index.reserve(track.size());
  const auto keep = [&](std::span<const detail::fix_ref> kept) {
    for (const auto& each : kept) {
      out.points.push_back(*each.fix);
      out.source_index.push_back(each.index);
    }
  };
  detail::fix_cleaner cleaner(options);
  const auto order = detail::cleaning_order(track, options);
  for (std::size_t n = 0; n < track.size(); ++n) {
    const std::size_t i = order.empty() ? n : order[n];
    keep(cleaner.push(track[i], i));
  }
  keep(cleaner.finish());
  out.report = cleaner.report();
  return out;
}

}  // namespace pedalpower::telematics
