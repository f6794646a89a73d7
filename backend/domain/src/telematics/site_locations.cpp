#include "site_locations.hpp"

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/scheme_area.hpp"
#include "pedalpower/domain/sites.hpp"

namespace pedalpower::domain {
namespace {

std::int64_t micro_degrees(double degrees) { return std::llround(degrees * 1e6); }

}  // namespace

void to_json(nlohmann::json& out, const site_location& value)
{
  out = {{"site_id", value.site_id}, {"lat", value.lat}, {"lon", value.lon}};
}

std::vector<telematics::geo_point> site_locations(db::connection& db)
{
  std::vector<telematics::geo_point> sites;
  auto& rows = db.query("SELECT lat_udeg, lon_udeg FROM sites WHERE lat_udeg IS NOT NULL AND lon_udeg IS NOT NULL");
  while (rows.step()) {
    sites.push_back({static_cast<double>(rows.get_int(0)) / 1e6, static_cast<double>(rows.get_int(1)) / 1e6});
  }
  return sites;
}

bool outside(const scheme_area& area, std::span<const telematics::geo_point> sites, const stored_fix& fix)
{
  if (sites.empty()) return false;
  const telematics::geo_point at{static_cast<double>(fix.lat_udeg) / 1e6, static_cast<double>(fix.lon_udeg) / 1e6};
  for (const auto& site : sites) {
    if (telematics::haversine_m(site, at) <= area.radius_m) return false;
  }
  return true;
}

outcome<site_location> set_site_location(db::connection& db, const actor& who, unix_seconds now, std::int64_t site_id,
                                         double lat, double lon)
{
  if (const auto found = find_site(db, site_id); !found) return found.error();
  if (!std::isfinite(lat) || std::abs(lat) > 90.0) return invalid("lat", "lat is degrees north, -90 to 90");
  if (!std::isfinite(lon) || std::abs(lon) > 180.0) return invalid("lon", "lon is degrees east, -180 to 180");
  if (lat == 0.0 && lon == 0.0) return invalid("lat", "0,0 is in the Gulf of Guinea, not a site");

  auto& before = db.query("SELECT lat_udeg, lon_udeg FROM sites WHERE id = ?1", site_id);
  before.step();
  const auto old_lat = before.get_optional_int(0);
  const auto old_lon = before.get_optional_int(1);
  before.reset();
  std::optional<nlohmann::json> previous;
  if (old_lat && old_lon) {
    previous = site_location{site_id, static_cast<double>(*old_lat) / 1e6, static_cast<double>(*old_lon) / 1e6};
  }
  const site_location placed{site_id, static_cast<double>(micro_degrees(lat)) / 1e6,
                             static_cast<double>(micro_degrees(lon)) / 1e6};
  db::savepoint unit(db, "set_site_location");
  db.run("UPDATE sites SET lat_udeg = ?2, lon_udeg = ?3 WHERE id = ?1", site_id, micro_degrees(lat), micro_degrees(lon));
  record_audit(db, who, now, "site.locate", "site", std::to_string(site_id), previous, nlohmann::json(placed));
  unit.commit();
  return placed;
}

}  // namespace pedalpower::domain
