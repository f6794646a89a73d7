#pragma once

#include <vector>

#include "demo_random.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/demo_seed.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Gives the demo fleet a workshop to show: batteries and chargers on every bike, the services done
/// on them (so some are due and some due soon), a model's own schedule, repairs finished in the past
/// with their labour and parts, the open jobs' work so far, and an inspection campaign. Run after the
/// loans, on the bikes as they now stand. Adds what it made to `summary`.
void seed_demo_workshop(db::connection& db, unix_seconds now, demo_random& random, const std::vector<bike>& bikes,
                        demo_seed_summary& summary);

}  // namespace pedalpower::domain
