#pragma once

#include "demo_random.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Fits a tracker to every bike in the stores and gives each a fix from the last hour, most with a
/// battery level, so a demo kiosk shows bikes well charged, a few charging and a few with no
/// reading. Run last, on the bikes as they now stand.
void seed_demo_charge(db::connection& db, unix_seconds now, demo_random& random);

}  // namespace pedalpower::domain
