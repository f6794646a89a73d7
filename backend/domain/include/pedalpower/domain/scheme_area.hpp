#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Where a site is: the centre of the scheme's area around it (see scheme_area in positions.hpp).
struct site_location {
  std::int64_t site_id = 0;
  double lat = 0.0;
  double lon = 0.0;
};

/// {"site_id", "lat", "lon"}.
void to_json(nlohmann::json& out, const site_location& value);

/// Sets where a site is, to micro-degrees. Fixes farther than the scheme's radius from every site
/// with a location are flagged and never counted; while no site has one, none is flagged.
/// Problems: not_found "site_not_found"; invalid "lat" or "lon" (out of range, or 0,0). Audited.
outcome<site_location> set_site_location(db::connection& db, const actor& who, unix_seconds now, std::int64_t site_id,
                                         double lat, double lon);

}  // namespace pedalpower::domain
