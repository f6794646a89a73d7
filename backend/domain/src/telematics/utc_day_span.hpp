#pragma once

#include <cstdint>
#include <string>

#include "pedalpower/core/outcome.hpp"

namespace pedalpower::domain {

/// Whole UTC days in Unix milliseconds: [start of `from`, start of the day after `to`).
struct day_span {
  std::int64_t from_ms = 0;
  std::int64_t until_ms = 0;
};

/// The days from `from` to `to` ('YYYY-MM-DD'), both included. Problems: invalid "from" or "to"
/// when not a calendar date, and "to" when it comes before `from`.
outcome<day_span> utc_day_span(const std::string& from, const std::string& to);

}  // namespace pedalpower::domain
