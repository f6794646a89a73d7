#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A stretch of one bike's time in Unix milliseconds, [from_ms, until_ms): a loan's, or a gap
/// between loans. Positions link to a person only through the loan whose window holds them.
struct loan_window {
  std::optional<std::int64_t> loan_id;
  std::int64_t from_ms = std::numeric_limits<std::int64_t>::min();
  std::int64_t until_ms = std::numeric_limits<std::int64_t>::max();

  bool holds(std::int64_t time_ms) const { return from_ms <= time_ms && time_ms < until_ms; }
  bool overlaps(std::int64_t begin_ms, std::int64_t end_ms) const { return from_ms < end_ms && begin_ms < until_ms; }
};

/// Every window of `bike_id` in time order, covering all time without overlap. A loan's runs from
/// its checkout to its return or the bike's next checkout, whichever comes first: a loan marked
/// lost has no return, and a later checkout shows the bike was back. Throws db::error.
std::vector<loan_window> bike_loan_windows(db::connection& db, std::int64_t bike_id);

/// The window of `loan_id` among `windows`, if any.
std::optional<loan_window> window_of_loan(std::span<const loan_window> windows, std::int64_t loan_id);

}  // namespace pedalpower::domain
