#include "fix_cleaner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace pedalpower::telematics::detail {

namespace {

/// A fix nothing can be computed from, whatever the options say.
bool unusable(const track_point& fix) noexcept
{
  const bool bad_number = !std::isfinite(fix.lat) || !std::isfinite(fix.lon) ||
                          (fix.accuracy_m && !std::isfinite(*fix.accuracy_m)) ||
                          (fix.odometer_m && !std::isfinite(*fix.odometer_m));
  return bad_number || std::abs(fix.lat) > 90.0 || std::abs(fix.lon) > 180.0 || (fix.lat == 0.0 && fix.lon == 0.0);
}

/// Whether the time between two fixes measures how fast the bike went between them: not when
/// either was stamped on arrival, nor across a break in the record (the trip segmenter judges those).
bool speed_known(const track_point& from, const track_point& to) noexcept
{
  return !from.time_estimated && !to.time_estimated && !to.follows_break;
}

}  // namespace

std::span<const fix_ref> fix_cleaner::push(const track_point& fix, std::size_t index)
{
  ready_count_ = 0;
  const auto drop = [&](drop_reason reason) {
    ++report_.dropped[static_cast<std::size_t>(reason)];
    return std::span<const fix_ref>{};
  };
  if (unusable(fix) || (options_.drop_flagged_invalid && !fix.valid)) return drop(drop_reason::invalid);
  if (last_time_ && fix.time == *last_time_ && options_.drop_duplicates) return drop(drop_reason::duplicate);
  if (last_time_ && fix.time < *last_time_) return drop(drop_reason::out_of_order);
  if (options_.max_accuracy_m && fix.accuracy_m && *fix.accuracy_m > *options_.max_accuracy_m) {
    return drop(drop_reason::low_accuracy);
  }
  last_time_ = fix.time;

  if (suspect_.fix) {
    if (speed_known(*suspect_.fix, fix) && too_fast(*suspect_.fix, fix) && !too_fast(*last_kept_, fix)) {
      ++report_.dropped[static_cast<std::size_t>(drop_reason::spike)];
    } else {
      keep(suspect_);
    }
    suspect_ = {};
  }
  if (options_.spike_speed_mps && last_kept_ && speed_known(*last_kept_, fix) && too_fast(*last_kept_, fix)) {
    suspect_ = {&fix, index};
  } else {
    keep({&fix, index});
  }
  return {ready_.data(), ready_count_};
}

std::span<const fix_ref> fix_cleaner::finish()
{
  ready_count_ = 0;
  if (suspect_.fix) {
    keep(suspect_);
    suspect_ = {};
  }
  return {ready_.data(), ready_count_};
}

bool fix_cleaner::too_fast(const track_point& from, const track_point& to) noexcept
{
  // At least a second: at high fix rates noise alone would otherwise look like a spike.
  const double seconds = std::max(std::chrono::duration<double>(to.time - from.time).count(), 1.0);
  const double limit_m = *options_.spike_speed_mps * seconds;
  return metric_.squared_m2(from.lat, from.lon, to.lat, to.lon) > limit_m * limit_m;
}

void fix_cleaner::keep(const fix_ref& fix)
{
  ready_[ready_count_++] = fix;
  last_kept_ = fix.fix;
  ++report_.kept;
}

std::vector<std::size_t> cleaning_order(std::span<const track_point> track, const cleaning_options& options)
{
  std::vector<std::size_t> order;
  if (options.drop_out_of_order) return order;
  order.resize(track.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return track[a].time < track[b].time; });
  return order;
}

}  // namespace pedalpower::telematics::detail
