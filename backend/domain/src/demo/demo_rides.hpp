#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "demo_random.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// One ride as the retention job leaves it: times and distance, never a coordinate.
struct demo_trip {
  std::int64_t started_ms = 0;
  std::int64_t ended_ms = 0;
  std::int64_t distance_m = 0;
  std::int64_t moving_s = 0;
};

/// A rider's commutes from `from` to `to`: there and back on most days, each within a tenth of
/// `commute_km`, at a commuter's pace.
std::vector<demo_trip> plan_commutes(demo_random& random, unix_seconds from, unix_seconds to, double commute_km);

/// Stores `trips` of `bike_id` during `loan_id` as trip summaries taken from GPS tracks.
void insert_trip_summaries(db::connection& db, std::int64_t bike_id, std::int64_t loan_id,
                           const std::vector<demo_trip>& trips, unix_seconds now);

}  // namespace pedalpower::domain
