#include "pedalpower/domain/gbfs_feeds.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/core/secrets.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view gbfs_version = "3.0";
constexpr std::array<std::string_view, 5> published_feeds{"system_information", "vehicle_types", "station_information",
                                                          "station_status", "vehicle_status"};

/// Bikes a station holds: free, held for someone from the waiting list, or in its workshop.
constexpr std::string_view in_store = "b.status IN ('available', 'reserved', 'maintenance')";
constexpr std::string_view located_site = "s.lat_udeg IS NOT NULL AND s.lon_udeg IS NOT NULL";

nlohmann::json envelope(unix_seconds now, int ttl, nlohmann::json data)
{
  return {{"last_updated", iso8601(now)}, {"ttl", ttl}, {"version", gbfs_version}, {"data", std::move(data)}};
}

nlohmann::json localized(const feed_settings& settings, std::string_view text)
{
  return nlohmann::json::array({{{"text", text}, {"language", settings.language}}});
}

/// A stable id for a make and model: lower-case letters and digits, hyphens between words.
std::string vehicle_type_id(const std::string& make, const std::string& model)
{
  std::string id;
  for (const char c : make + " " + model) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id += c;
    } else if (c >= 'A' && c <= 'Z') {
      id += static_cast<char>(c - 'A' + 'a');
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "e-bike" : id;
}

struct stocked_bike {
  std::int64_t id = 0;
  std::int64_t site_id = 0;
  std::string status;
  std::string type_id;
};

std::vector<stocked_bike> bikes_in_stores(db::connection& db)
{
  std::vector<stocked_bike> bikes;
  auto& rows = db.query("SELECT b.id, b.site_id, b.status, b.make, b.model FROM bikes b JOIN sites s ON s.id = b.site_id"
                        " WHERE " + std::string(in_store) + " AND " + std::string(located_site) + " ORDER BY b.id");
  while (rows.step()) {
    bikes.push_back({rows.get_int(0), rows.get_int(1), rows.get_text(2), vehicle_type_id(rows.get_text(3), rows.get_text(4))});
  }
  return bikes;
}

std::vector<std::int64_t> located_sites(db::connection& db)
{
  std::vector<std::int64_t> ids;
  auto& rows = db.query("SELECT s.id FROM sites s WHERE " + std::string(located_site) + " ORDER BY s.id");
  while (rows.step()) ids.push_back(rows.get_int(0));
  return ids;
}

struct battery_report {
  std::int64_t percent = 0;
  std::int64_t time_ms = 0;
};

std::optional<battery_report> last_battery_report(db::connection& db, std::int64_t bike_id)
{
  auto& row = db.query("SELECT battery_pct, time_ms FROM positions WHERE bike_id = ?1 AND battery_pct IS NOT NULL"
                       " ORDER BY time_ms DESC LIMIT 1",
                       bike_id);
  if (!row.step()) return std::nullopt;
  const battery_report found{std::clamp<std::int64_t>(row.get_int(0), 0, 100), row.get_int(1)};
  row.reset();
  return found;
}

/// Changes with every loan of the bike; unguessable without the key.
std::string rotating_vehicle_id(db::connection& db, std::int64_t bike_id, std::string_view id_key)
{
  auto& row = db.query("SELECT coalesce(max(id), 0) FROM loans WHERE bike_id = ?1", bike_id);
  row.step();
  const auto last_loan = row.get_int(0);
  row.reset();
  return sha256_hex(std::string(id_key) + ":" + std::to_string(bike_id) + ":" + std::to_string(last_loan)).substr(0, 24);
}

}  // namespace

nlohmann::json gbfs_discovery(const feed_settings& settings, unix_seconds now, std::string_view base_url)
{
  auto feeds = nlohmann::json::array();
  feeds.push_back({{"name", "gbfs"}, {"url", std::string(base_url) + "gbfs.json"}});
  for (const auto name : published_feeds) {
    feeds.push_back({{"name", name}, {"url", std::string(base_url) + std::string(name) + ".json"}});
  }
  return envelope(now, settings.information_ttl_s, {{"feeds", std::move(feeds)}});
}

nlohmann::json gbfs_system_information(const feed_settings& settings, unix_seconds now)
{
  return envelope(now, settings.information_ttl_s,
                  {{"system_id", settings.system_id},
                   {"languages", nlohmann::json::array({settings.language})},
                   {"name", localized(settings, settings.name)},
                   {"opening_hours", settings.opening_hours},
                   {"feed_contact_email", settings.contact_email},
                   {"timezone", settings.timezone}});
}

nlohmann::json gbfs_vehicle_types(db::connection& db, const feed_settings& settings, unix_seconds now)
{
  std::map<std::string, nlohmann::json> types;
  auto& rows = db.query("SELECT DISTINCT make, model FROM bikes WHERE status NOT IN ('retired', 'lost') ORDER BY make, model");
  while (rows.step()) {
    const auto make = rows.get_text(0);
    const auto model = rows.get_text(1);
    const auto id = vehicle_type_id(make, model);
    types.try_emplace(id, nlohmann::json{{"vehicle_type_id", id},
                                         {"form_factor", "bicycle"},
                                         {"propulsion_type", "electric_assist"},
                                         {"max_range_meters", settings.max_range_m},
                                         {"name", localized(settings, make + " " + model)},
                                         {"make", localized(settings, make)},
                                         {"model", localized(settings, model)}});
  }
  auto listed = nlohmann::json::array();
  for (auto& [id, type] : types) listed.push_back(std::move(type));
  return envelope(now, settings.information_ttl_s, {{"vehicle_types", std::move(listed)}});
}

nlohmann::json gbfs_station_information(db::connection& db, const feed_settings& settings, unix_seconds now)
{
  auto stations = nlohmann::json::array();
  auto& rows = db.query("SELECT s.id, s.code, s.name, s.address, s.lat_udeg, s.lon_udeg FROM sites s WHERE " +
                        std::string(located_site) + " ORDER BY s.id");
  while (rows.step()) {
    nlohmann::json station{{"station_id", std::to_string(rows.get_int(0))},
                           {"name", localized(settings, rows.get_text(2))},
                           {"short_name", localized(settings, rows.get_text(1))},
                           {"lat", static_cast<double>(rows.get_int(4)) / 1e6},
                           {"lon", static_cast<double>(rows.get_int(5)) / 1e6}};
    if (const auto address = rows.get_text(3); !address.empty()) station["address"] = address;
    stations.push_back(std::move(station));
  }
  return envelope(now, settings.information_ttl_s, {{"stations", std::move(stations)}});
}

nlohmann::json gbfs_station_status(db::connection& db, const feed_settings& settings, unix_seconds now)
{
  struct station_counts {
    std::int64_t available = 0;
    std::int64_t disabled = 0;
    std::map<std::string, std::int64_t> available_by_type;
  };
  std::map<std::int64_t, station_counts> counts;
  for (const auto site_id : located_sites(db)) counts[site_id];
  for (const auto& bike : bikes_in_stores(db)) {
    auto& station = counts[bike.site_id];
    auto& of_type = station.available_by_type[bike.type_id];
    if (bike.status == "available") {
      ++station.available;
      ++of_type;
    } else if (bike.status == "maintenance") {
      ++station.disabled;
    }
  }
  auto stations = nlohmann::json::array();
  for (const auto& [site_id, station] : counts) {
    auto by_type = nlohmann::json::array();
    for (const auto& [type_id, count] : station.available_by_type) {
      by_type.push_back({{"vehicle_type_id", type_id}, {"count", count}});
    }
    stations.push_back({{"station_id", std::to_string(site_id)},
                        {"num_vehicles_available", station.available},
                        {"num_vehicles_disabled", station.disabled},
                        {"vehicle_types_available", std::move(by_type)},
                        {"is_installed", true},
                        {"is_renting", true},
                        {"is_returning", true},
                        {"last_reported", iso8601(now)}});
  }
  return envelope(now, settings.status_ttl_s, {{"stations", std::move(stations)}});
}

nlohmann::json gbfs_vehicle_status(db::connection& db, const feed_settings& settings, unix_seconds now,
                                   std::string_view id_key)
{
  auto vehicles = nlohmann::json::array();
  for (const auto& bike : bikes_in_stores(db)) {
    nlohmann::json vehicle{{"vehicle_id", rotating_vehicle_id(db, bike.id, id_key)},
                           {"vehicle_type_id", bike.type_id},
                           {"station_id", std::to_string(bike.site_id)},
                           {"is_reserved", bike.status == "reserved"},
                           {"is_disabled", bike.status == "maintenance"}};
    if (const auto battery = last_battery_report(db, bike.id)) {
      const double charge = static_cast<double>(battery->percent) / 100.0;
      vehicle["current_fuel_percent"] = charge;
      vehicle["current_range_meters"] = std::round(charge * settings.max_range_m);
      vehicle["last_reported"] = iso8601(battery->time_ms / 1000);
    }
    vehicles.push_back(std::move(vehicle));
  }
  return envelope(now, settings.status_ttl_s, {{"vehicles", std::move(vehicles)}});
}

}  // namespace pedalpower::domain
