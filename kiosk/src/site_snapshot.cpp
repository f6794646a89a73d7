#include "pedalpower/kiosk/site_snapshot.hpp"

namespace pedalpower::kiosk {

void site_snapshot::save(const nlohmann::json& bikes, pedalpower::unix_seconds now) { saved_.save(bikes, now); }

nlohmann::json site_snapshot::bikes() { return saved_.last_saved().value_or(nlohmann::json::array()); }

void site_snapshot::remove_bike(std::int64_t bike_id)
{
  auto kept = nlohmann::json::array();
  for (const auto& bike : bikes()) {
    if (bike.value("id", std::int64_t{-1}) != bike_id) kept.push_back(bike);
  }
  saved_.update(kept);
}

}  // namespace pedalpower::kiosk
