#include "journey_kind.hpp"

#include <cstdint>
#include <optional>

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {
namespace {

/// The located site whose grounds hold `point`, if any.
std::optional<std::int64_t> site_at(db::connection& db, telematics::geo_point point)
{
  auto& rows = db.query("SELECT id, lat_udeg, lon_udeg FROM sites WHERE lat_udeg IS NOT NULL AND lon_udeg IS NOT NULL");
  std::optional<std::int64_t> found;
  while (rows.step()) {
    const telematics::geo_point site{static_cast<double>(rows.get_int(1)) / 1e6, static_cast<double>(rows.get_int(2)) / 1e6};
    if (telematics::haversine_m(site, point) <= site_grounds_radius_m) {
      found = rows.get_int(0);
      break;
    }
  }
  rows.reset();
  return found;
}

}  // namespace

std::string_view journey_between(db::connection& db, telematics::geo_point start, telematics::geo_point end)
{
  const auto from = site_at(db, start);
  if (!from) return "commute";
  const auto to = site_at(db, end);
  return to && *to != *from ? "between_sites" : "commute";
}

}  // namespace pedalpower::domain
