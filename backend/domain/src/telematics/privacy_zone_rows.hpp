#pragma once

#include <cstdint>
#include <vector>

#include "pedalpower/telematics/privacy_zone.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// The zones a staff member's tracks are cut by, in the estimator's terms; empty for none. Throws db::error.
std::vector<telematics::privacy_zone> privacy_zones_of(db::connection& db, std::int64_t staff_id);

}  // namespace pedalpower::domain
