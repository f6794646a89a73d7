#pragma once

#include <cmath>
#include <optional>

#include "pedalpower/core/outcome.hpp"

namespace pedalpower::domain {

/// The most energy an e-bike is taken to use at the wall. A loaded cargo e-bike on hills uses a few
/// tens of watt-hours per km: a figure far beyond that is a mistake, and a huge one would overflow
/// a report's sums.
inline constexpr double most_ebike_wh_per_km = 1000.0;

/// What is wrong with an e-bike energy asked for in a report, if anything: it is a number of
/// watt-hours per km from 0 to most_ebike_wh_per_km.
inline std::optional<problem> ebike_energy_problem(double wh_per_km)
{
  if (std::isfinite(wh_per_km) && wh_per_km >= 0.0 && wh_per_km <= most_ebike_wh_per_km) return std::nullopt;
  return invalid("ebike_wh_per_km", "e-bike energy is a number of watt-hours per km, from 0 to 1000");
}

}  // namespace pedalpower::domain
