#pragma once

#include <span>
#include <vector>

#include "pedalpower/domain/positions.hpp"
#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Every site that has a location. Throws db::error.
std::vector<telematics::geo_point> site_locations(db::connection& db);

/// Whether `fix` is farther than `area.radius_m` from every one of `sites`; never when there are none.
bool outside(const scheme_area& area, std::span<const telematics::geo_point> sites, const stored_fix& fix);

}  // namespace pedalpower::domain
