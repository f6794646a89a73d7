#include "demo_charge.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {

void seed_demo_charge(db::connection& db, unix_seconds now, demo_random& random)
{
  std::vector<std::pair<std::int64_t, std::string>> in_store;
  auto& rows = db.query("SELECT id, asset_tag FROM bikes WHERE status IN ('available', 'reserved') ORDER BY id");
  while (rows.step()) in_store.emplace_back(rows.get_int(0), rows.get_text(1));
  rows.reset();
  const auto fitted_at = now - 200 * seconds_per_day;
  for (std::size_t i = 0; i < in_store.size(); ++i) {
    const auto& [bike_id, tag] = in_store[i];
    db.run("INSERT INTO trackers(device_id, note, created_at) VALUES (?1, 'demo tracker', ?2)", "TRK-" + tag, fitted_at);
    db.run("INSERT INTO tracker_assignments(tracker_id, bike_id, fitted_at) VALUES (?1, ?2, ?3)", db.last_insert_rowid(),
           bike_id, fitted_at);
    // Every sixth tracker is a phone app that sends no battery level: the kiosk says it has no reading.
    const bool reports_battery = i % 6 != 5;
    const auto charge = random.chance(15) ? random.between(5, 25) : random.between(45, 100);
    const auto reported_at = now - random.between(2, 60) * 60;
    db.run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, accuracy_dm, battery_pct) "
           "VALUES (?1, ?2, ?3, ?4, 50, ?5)",
           bike_id, reported_at * 1000, 51'558'000 + random.between(0, 300), 467'000 + random.between(0, 300),
           reports_battery ? std::optional<std::int64_t>(charge) : std::nullopt);
  }
}

}  // namespace pedalpower::domain
