#pragma once

#include <span>
#include <string>
#include <string_view>

#include "pedalpower/telematics/factor_set.hpp"

namespace pedalpower::telematics {

/// How a rider used to commute. `none`: would not have made the journey.
/// In the order reports list them; none stays last, as "not recorded" follows it.
enum class travel_mode { car_petrol, car_diesel, car_hybrid, car_electric, bus, rail, walk, cycle, none };

/// The mode's name, e.g. "car_petrol". Never throws.
std::string_view to_string(travel_mode mode) noexcept;

/// Reads a mode's name. Throws invalid_input (field "mode") for an unknown one.
travel_mode parse_travel_mode(std::string_view name);

/// One mode in a rider's previous commute, with its share of their trips.
struct mode_share {
  travel_mode mode = travel_mode::car_petrol;
  double share = 1.0;      ///< 0–1; a rider's shares sum to 1
  double occupancy = 1.0;  ///< people sharing the car; bus and rail factors are already per passenger
};

/// kg CO2e per passenger-km of a mode, before dividing by occupancy. Never throws.
double emission_factor_kg_per_km(travel_mode mode, const factor_set& factors) noexcept;

/// kg CO2e per km of an e-bike's charging: Wh/km / 1000 × (grid generation + grid T&D). Never throws.
double ebike_charging_kg_per_km(const factor_set& factors, double ebike_wh_per_km) noexcept;

/// Every figure apart, with what produced it, so a report can be traced back to its inputs.
struct emissions_estimate {
  double distance_km = 0.0;
  double avoided_kg = 0.0;  ///< what the previous modes would have emitted
  double ebike_kg = 0.0;    ///< the e-bike's charging electricity
  double net_kg = 0.0;      ///< avoided − ebike, negative when the rider used to walk
  double ebike_wh_per_km = 0.0;
  int factor_year = 0;
  factor_scope scope = factor_scope::direct;
  std::string factor_source;
};

/// For `distance_km` ridden:
///   avoided = d × Σ share × EF(mode) / occupancy
///   ebike   = d × Wh/km / 1000 × (grid generation + grid T&D)
///   net     = avoided − ebike, never clamped at zero.
/// The 10 Wh/km default is energy at the wall for a commuting e-bike (a measured ride used 6.5).
/// Throws invalid_input when `previous_modes` is empty, a share is outside 0–1, the shares do not
/// sum to 1 (±1e-6), an occupancy is below 1 or set for bus or rail, or the distance or Wh/km is
/// negative or not finite.
emissions_estimate estimate_emissions(double distance_km, std::span<const mode_share> previous_modes,
                                      const factor_set& factors, double ebike_wh_per_km = 10.0);

}  // namespace pedalpower::telematics
