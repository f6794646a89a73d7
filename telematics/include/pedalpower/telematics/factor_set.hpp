#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pedalpower::telematics {

/// Whether factors cover only the fuel burnt or electricity used (direct), or also the
/// well-to-tank emissions of producing and delivering it.
enum class factor_scope { direct, with_well_to_tank };

/// "direct" or "with_well_to_tank". Never throws.
std::string_view to_string(factor_scope scope) noexcept;

/// One year's UK government (DESNZ) greenhouse-gas conversion factors, in kg CO2e. Data, not code:
/// every figure keeps the year, scope and source it came from.
struct factor_set {
  int year = 0;
  factor_scope scope = factor_scope::direct;
  std::string source;
  double car_petrol_kg_per_km = 0.0;  ///< medium car
  double car_diesel_kg_per_km = 0.0;  ///< medium car
  double car_hybrid_kg_per_km = 0.0;  ///< medium car
  double car_electric_kwh_per_km = 0.0;  ///< battery-electric car, energy at the wall
  double bus_kg_per_passenger_km = 0.0;   ///< average local bus
  double rail_kg_per_passenger_km = 0.0;  ///< national rail
  double grid_generation_kg_per_kwh = 0.0;
  double grid_td_kg_per_kwh = 0.0;  ///< transmission and distribution losses
};

/// Reads `{"factor_sets": [{"year", "scope", "source", "factors": {...}}]}`, the format of
/// telematics/data/factors_*.json. Throws invalid_input naming the JSON path of a member that is
/// missing, of the wrong type or negative, or when the text is not JSON.
std::vector<factor_set> parse_factor_sets(std::string_view json);

/// The factor sets compiled into the library from telematics/data. Throws only if the shipped data
/// is broken, which the tests rule out.
const std::vector<factor_set>& builtin_factor_sets();

/// The set for `year` (the newest if not given) and `scope` (any if not given). Throws
/// invalid_input (field "year", "scope" or "factor_sets") if none matches.
const factor_set& select_factor_set(std::span<const factor_set> sets, std::optional<int> year = {},
                                    std::optional<factor_scope> scope = {});

}  // namespace pedalpower::telematics
