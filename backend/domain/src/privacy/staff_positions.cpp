#include "privacy/staff_positions.hpp"

#include <chrono>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/telematics/timestamp.hpp"

namespace pedalpower::domain {
namespace {

std::int64_t positions_in(db::connection& db, const borrowed_window& borrowed)
{
  return db.query_int("SELECT count(*) FROM positions WHERE bike_id = ?1 AND time_ms >= ?2 AND time_ms < ?3",
                           borrowed.bike_id, borrowed.window.from_ms, borrowed.window.until_ms);
}

}  // namespace

std::vector<borrowed_window> borrowed_windows(db::connection& db, std::int64_t staff_id)
{
  std::vector<std::pair<std::int64_t, std::int64_t>> loans;  // loan id, bike id
  auto& rows = db.query("SELECT id, bike_id FROM loans WHERE staff_id = ?1 ORDER BY checked_out_at, id", staff_id);
  while (rows.step()) loans.emplace_back(rows.get_int(0), rows.get_int(1));
  std::vector<borrowed_window> found;
  for (const auto& [loan_id, bike_id] : loans) {
    if (const auto window = window_of_loan(bike_loan_windows(db, bike_id), loan_id)) found.push_back({bike_id, *window});
  }
  return found;
}

std::int64_t count_staff_positions(db::connection& db, std::int64_t staff_id)
{
  std::int64_t total = 0;
  for (const auto& borrowed : borrowed_windows(db, staff_id)) total += positions_in(db, borrowed);
  return total;
}

std::vector<nlohmann::json> staff_positions_page(db::connection& db, std::int64_t staff_id, std::int64_t offset,
                                                 std::int64_t limit)
{
  std::vector<nlohmann::json> page;
  for (const auto& borrowed : borrowed_windows(db, staff_id)) {
    if (limit <= 0) break;
    const auto held = positions_in(db, borrowed);
    if (offset >= held) {
      offset -= held;
      continue;
    }
    auto& rows = db.query("SELECT time_ms, lat_udeg, lon_udeg, accuracy_dm, battery_pct, from_gpx FROM positions"
                          " WHERE bike_id = ?1 AND time_ms >= ?2 AND time_ms < ?3 ORDER BY time_ms LIMIT ?4 OFFSET ?5",
                          borrowed.bike_id, borrowed.window.from_ms, borrowed.window.until_ms, limit, offset);
    while (rows.step()) {
      const auto accuracy_dm = rows.get_optional_int(3);
      const auto battery = rows.get_optional_int(4);
      page.push_back({{"loan_id", borrowed.window.loan_id.value_or(0)},
                      {"bike_id", borrowed.bike_id},
                      {"time", telematics::format_timestamp(telematics::time_point(std::chrono::milliseconds(rows.get_int(0))))},
                      {"lat", static_cast<double>(rows.get_int(1)) / 1e6},
                      {"lon", static_cast<double>(rows.get_int(2)) / 1e6},
                      {"accuracy_m", accuracy_dm ? nlohmann::json(static_cast<double>(*accuracy_dm) / 10.0) : nlohmann::json()},
                      {"battery_pct", battery ? nlohmann::json(*battery) : nlohmann::json()},
                      {"from_gpx", rows.get_int(5) != 0}});
      --limit;
    }
    rows.reset();
    offset = 0;
  }
  return page;
}

}  // namespace pedalpower::domain
