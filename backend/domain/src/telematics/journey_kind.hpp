#pragma once

#include <string_view>

#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// How near a site's location a trip must start and end to count as at that site: a hospital's
/// grounds, roughly. A default we chose.
inline constexpr double site_grounds_radius_m = 300.0;

/// "between_sites" when a trip starts at one scheme site and ends at another (business travel,
/// GHG Protocol Scope 3 category 6), else "commute" (category 7). Throws db::error.
std::string_view journey_between(db::connection& db, telematics::geo_point start, telematics::geo_point end);

}  // namespace pedalpower::domain
