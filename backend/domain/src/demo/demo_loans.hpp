#pragma once

#include <vector>

#include "demo_random.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/demo_seed.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Writes a few months of loans ending at `now` for `bikes`, lent to `staff` at their home sites
/// under `policy`, then moves each bike to the status its story ends in (on loan, in the workshop,
/// retired, lost or available) and sets its odometer. Adds what it made to `summary`.
void seed_demo_loans(db::connection& db, unix_seconds now, demo_random& random, const policy_version& policy,
                     const std::string& terms_version, const std::vector<bike>& bikes,
                     const std::vector<staff_member>& staff, demo_seed_summary& summary);

}  // namespace pedalpower::domain
