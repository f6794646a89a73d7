#pragma once

#include <vector>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/bike_charge.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A free bike with how charged it is, and whether that is too low to lend.
struct offered_bike {
  bike offered;
  bike_charge charge;
  bool charging = false;  ///< below the policy's lowest charge: shown, not lent
};

/// `bikes` with their charge as of `now`, best to lend first: those charged enough (the fullest
/// first), then those with no recent report, then those charging; by tag among equals.
std::vector<offered_bike> by_charge(db::connection& db, std::vector<bike> bikes, int min_charge_pct, unix_seconds now);

}  // namespace pedalpower::domain
