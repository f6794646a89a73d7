#include "pedalpower/domain/privacy_zones.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/staff.hpp"
#include "privacy_zone_rows.hpp"

namespace pedalpower::domain {
namespace {

std::optional<privacy_zone_setting> stored_zone(db::connection& db, std::int64_t staff_id)
{
  auto& row = db.query("SELECT lat_udeg, lon_udeg, radius_m FROM staff_privacy_zones WHERE staff_id = ?1", staff_id);
  if (!row.step()) return std::nullopt;
  privacy_zone_setting zone{static_cast<double>(row.get_int(0)) / 1e6, static_cast<double>(row.get_int(1)) / 1e6,
                            row.get_int(2)};
  row.reset();
  return zone;
}

/// What the audit log may keep of a zone: whether there is one and how wide, never where.
nlohmann::json audited_zone(const std::optional<privacy_zone_setting>& zone)
{
  return {{"privacy_zone", zone ? nlohmann::json{{"radius_m", zone->radius_m}} : nlohmann::json()}};
}

std::optional<problem> check_zone(const privacy_zone_setting& zone)
{
  if (!std::isfinite(zone.lat) || zone.lat < -90.0 || zone.lat > 90.0) {
    return invalid("lat", "latitude is -90 to 90 degrees");
  }
  if (!std::isfinite(zone.lon) || zone.lon < -180.0 || zone.lon > 180.0) {
    return invalid("lon", "longitude is -180 to 180 degrees");
  }
  if (zone.lat == 0.0 && zone.lon == 0.0) return invalid("lat", "0, 0 is what a GPS without a fix reports, not a home");
  if (zone.radius_m < min_privacy_radius_m || zone.radius_m > max_privacy_radius_m) {
    return invalid("radius_m", "a privacy zone's radius is " + std::to_string(min_privacy_radius_m) + " to " +
                                   std::to_string(max_privacy_radius_m) + " metres");
  }
  return std::nullopt;
}

}  // namespace

void to_json(nlohmann::json& out, const privacy_zone_setting& value)
{
  out = {{"lat", value.lat}, {"lon", value.lon}, {"radius_m", value.radius_m}};
}

outcome<std::optional<privacy_zone_setting>> find_privacy_zone(db::connection& db, std::int64_t staff_id)
{
  if (const auto member = find_staff(db, staff_id); !member) return member.error();
  return stored_zone(db, staff_id);
}

outcome<privacy_zone_setting> set_privacy_zone(db::connection& db, const actor& who, unix_seconds now,
                                               std::int64_t staff_id, const privacy_zone_setting& zone)
{
  const auto before = find_privacy_zone(db, staff_id);
  if (!before) return before.error();
  if (auto broken = check_zone(zone)) return *broken;

  db::savepoint unit(db, "set_privacy_zone");
  db.run("INSERT INTO staff_privacy_zones(staff_id, lat_udeg, lon_udeg, radius_m, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
         " ON CONFLICT(staff_id) DO UPDATE SET lat_udeg = excluded.lat_udeg, lon_udeg = excluded.lon_udeg,"
         " radius_m = excluded.radius_m, updated_at = excluded.updated_at",
         staff_id, std::int64_t{std::llround(zone.lat * 1e6)}, std::int64_t{std::llround(zone.lon * 1e6)}, zone.radius_m,
         now);
  auto after = stored_zone(db, staff_id);
  record_audit(db, who, now, "staff.privacy_zone", "staff", std::to_string(staff_id), audited_zone(before.value()),
               audited_zone(after));
  unit.commit();
  return after.value();
}

outcome<done> clear_privacy_zone(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id)
{
  const auto before = find_privacy_zone(db, staff_id);
  if (!before) return before.error();
  if (!before.value()) return done{};

  db::savepoint unit(db, "clear_privacy_zone");
  db.run("DELETE FROM staff_privacy_zones WHERE staff_id = ?1", staff_id);
  record_audit(db, who, now, "staff.privacy_zone", "staff", std::to_string(staff_id), audited_zone(before.value()),
               audited_zone(std::nullopt));
  unit.commit();
  return done{};
}

std::vector<telematics::privacy_zone> privacy_zones_of(db::connection& db, std::int64_t staff_id)
{
  std::vector<telematics::privacy_zone> zones;
  if (const auto zone = stored_zone(db, staff_id)) {
    zones.push_back({{zone->lat, zone->lon}, static_cast<double>(zone->radius_m)});
  }
  return zones;
}

}  // namespace pedalpower::domain
