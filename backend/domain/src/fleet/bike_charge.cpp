#include "pedalpower/domain/bike_charge.hpp"

#include <cctype>
#include <cmath>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/trips.hpp"

namespace pedalpower::domain {
namespace {

struct fitted_battery {
  std::string model;
  std::optional<std::int64_t> health_pct;
};

std::optional<fitted_battery> battery_fitted_to(db::connection& db, std::int64_t bike_id)
{
  auto& row = db.query(
      "SELECT c.model, c.health_pct FROM component_fittings f JOIN components c ON c.id = f.component_id"
      " WHERE f.bike_id = ?1 AND f.removed_at IS NULL AND c.kind = 'battery' ORDER BY f.fitted_at DESC LIMIT 1",
      bike_id);
  std::optional<fitted_battery> found;
  if (row.step()) found = fitted_battery{row.get_text(0), row.get_optional_int(1)};
  row.reset();
  return found;
}

std::optional<double> range_of(const fitted_battery& battery, int percent)
{
  const auto capacity = battery_capacity_wh(battery.model);
  if (!capacity) return std::nullopt;
  const double health = battery.health_pct ? static_cast<double>(*battery.health_pct) / 100.0 : 1.0;
  const double usable_wh = *capacity * health * percent / 100.0;
  return std::round(usable_wh / emissions_basis{}.ebike_wh_per_km * 10.0) / 10.0;
}

}  // namespace

void to_json(nlohmann::json& out, const bike_charge& value)
{
  out = {{"charge_pct", value.percent ? nlohmann::json(*value.percent) : nlohmann::json(nullptr)},
         {"charge_reported_at", value.reported_at ? nlohmann::json(iso8601(*value.reported_at)) : nlohmann::json(nullptr)},
         {"range_km", value.range_km ? nlohmann::json(*value.range_km) : nlohmann::json(nullptr)}};
}

bike_charge last_charge(db::connection& db, std::int64_t bike_id, unix_seconds now)
{
  // Walks the (bike_id, time_ms) key backwards from now; the window bounds the walk.
  auto& row = db.query(
      "SELECT battery_pct, time_ms FROM positions WHERE bike_id = ?1 AND time_ms BETWEEN ?2 AND ?3"
      " AND battery_pct IS NOT NULL ORDER BY time_ms DESC LIMIT 1",
      bike_id, (now - charge_reading_kept_for) * 1000, now * 1000);
  bike_charge charge;
  if (row.step()) {
    charge.percent = static_cast<int>(row.get_int(0));
    charge.reported_at = row.get_int(1) / 1000;
  }
  row.reset();
  if (charge.percent) {
    if (const auto battery = battery_fitted_to(db, bike_id)) charge.range_km = range_of(*battery, *charge.percent);
  }
  return charge;
}

std::optional<int> battery_capacity_wh(std::string_view model)
{
  // The number just before "Wh" (any case, a space allowed between), as battery labels print it.
  for (std::size_t at = 0; at + 1 < model.size(); ++at) {
    if (std::tolower(static_cast<unsigned char>(model[at])) != 'w' ||
        std::tolower(static_cast<unsigned char>(model[at + 1])) != 'h') {
      continue;
    }
    if (at + 2 < model.size() && std::isalpha(static_cast<unsigned char>(model[at + 2]))) continue;
    auto end = at;
    while (end > 0 && model[end - 1] == ' ') --end;
    auto begin = end;
    while (begin > 0 && std::isdigit(static_cast<unsigned char>(model[begin - 1]))) --begin;
    if (begin == end || end - begin > 5) continue;
    const int wh = std::stoi(std::string(model.substr(begin, end - begin)));
    if (wh > 0) return wh;
  }
  return std::nullopt;
}

bool needs_charging(const bike_charge& charge, int min_charge_pct)
{
  return charge.percent && *charge.percent < min_charge_pct;
}

}  // namespace pedalpower::domain
