#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "pedalpower/domain/positions.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A fix and the bike it is stored on.
struct bike_fix {
  std::int64_t bike_id = 0;
  const stored_fix* fix = nullptr;
};

/// Stores `fixes` with INSERT OR IGNORE and returns how many were new. Sorted by bike and time
/// first, so consecutive rows land on the same B-tree pages, and written many rows per statement
/// (about half again as fast as one row each). Throws db::error.
std::size_t insert_fixes(db::connection& db, std::vector<bike_fix>& fixes, bool from_gpx);

}  // namespace pedalpower::domain
