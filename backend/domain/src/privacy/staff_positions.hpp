#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "telematics/loan_windows.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

// Positions name a bike, never a person: a staff member's are those of the bikes they borrowed,
// inside each loan's window.

/// One of the staff member's loans with the bike and the stretch of time whose positions are theirs.
struct borrowed_window {
  std::int64_t bike_id = 0;
  loan_window window;
};

/// The windows of every loan of `staff_id`, in checkout order. Throws db::error.
std::vector<borrowed_window> borrowed_windows(db::connection& db, std::int64_t staff_id);

/// How many raw positions are still held inside those windows. Throws db::error.
std::int64_t count_staff_positions(db::connection& db, std::int64_t staff_id);

/// `limit` of those positions after skipping `offset`, by loan then time, as JSON objects
/// {"loan_id", "bike_id", "time", "lat", "lon", "accuracy_m", "battery_pct", "from_gpx"}. Throws db::error.
std::vector<nlohmann::json> staff_positions_page(db::connection& db, std::int64_t staff_id, std::int64_t offset,
                                                 std::int64_t limit);

}  // namespace pedalpower::domain
