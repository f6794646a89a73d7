#pragma once

#include <cstddef>
#include <cstdint>

#include "loan_windows.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

struct reduced_window {
  std::size_t trips_summarised = 0;
  std::size_t positions_deleted = 0;
};

/// Reduces every raw position of `bike_id` in `window` to trip summaries now, whatever its age, and
/// deletes them: the trips still count, with no coordinate left. Throws db::error.
reduced_window reduce_window_now(db::connection& db, unix_seconds now, std::int64_t bike_id, const loan_window& window);

}  // namespace pedalpower::domain
