#include "pedalpower/kiosk/site_snapshot.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::kiosk {

void site_snapshot::save(const nlohmann::json& bikes, pedalpower::unix_seconds now)
{
  db_.run(
      "INSERT INTO site_snapshot (id, snapshot, taken_at) VALUES (1, ?1, ?2) "
      "ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot, taken_at = excluded.taken_at",
      bikes.dump(), now);
}

nlohmann::json site_snapshot::bikes()
{
  auto& row = db_.query("SELECT snapshot FROM site_snapshot WHERE id = 1");
  auto bikes = row.step() ? nlohmann::json::parse(row.get_text(0)) : nlohmann::json::array();
  row.reset();
  return bikes;
}

void site_snapshot::remove_bike(std::int64_t bike_id)
{
  auto kept = nlohmann::json::array();
  for (const auto& bike : bikes()) {
    if (bike.value("id", std::int64_t{-1}) != bike_id) kept.push_back(bike);
  }
  db_.run("UPDATE site_snapshot SET snapshot = ?1 WHERE id = 1", kept.dump());
}

}  // namespace pedalpower::kiosk
