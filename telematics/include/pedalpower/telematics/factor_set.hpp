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

/// One row of DESNZ's flat file that a factor is made of: its ID column, its levels as a path, and
/// its figure.
struct factor_row {
  std::string factor;  ///< which factor it is part of, e.g. "car_petrol_kg_per_km"
  std::string id;      ///< the flat file's ID, e.g. "25_301_3070_4_1"
  std::string row;     ///< Level 1 > Level 2 > Level 3 > Column Text > UOM
  double value = 0.0;
};

/// One year's UK government (DESNZ) greenhouse-gas conversion factors, in kg CO2e. Data, not code:
/// every figure keeps the year, scope and source it came from, and the flat-file rows it sums.
/// Cars are DESNZ's Average car (the size of staff cars is not known).
struct factor_set {
  int year = 0;
  factor_scope scope = factor_scope::direct;
  std::string source;
  double car_petrol_kg_per_km = 0.0;
  double car_diesel_kg_per_km = 0.0;
  double car_hybrid_kg_per_km = 0.0;
  double car_electric_kg_per_km = 0.0;  ///< battery-electric car: its charging and the grid's T&D losses
  double bus_kg_per_passenger_km = 0.0;   ///< average local bus
  double rail_kg_per_passenger_km = 0.0;  ///< national rail
  double grid_generation_kg_per_kwh = 0.0;
  double grid_td_kg_per_kwh = 0.0;  ///< transmission and distribution losses
  std::vector<factor_row> rows;     ///< every flat-file row the figures above sum, factor by factor
};

/// Reads `{"factor_sets": [{"year", "scope", "source", "factors": {"<factor>": [{"id", "row",
/// "value"}, ...]}}]}`, the format of telematics/data/factors_*.json: each factor is the sum of the
/// flat-file rows listed for it. Throws invalid_input naming the JSON path of a member that is
/// missing, empty, of the wrong type or negative, or when the text is not JSON.
std::vector<factor_set> parse_factor_sets(std::string_view json);

/// The factor sets compiled into the library from telematics/data. Throws only if the shipped data
/// is broken, which the tests rule out.
const std::vector<factor_set>& builtin_factor_sets();

/// The set for `year` (the newest if not given) and `scope` (any if not given). Throws
/// invalid_input (field "year", "scope" or "factor_sets") if none matches.
const factor_set& select_factor_set(std::span<const factor_set> sets, std::optional<int> year = {},
                                    std::optional<factor_scope> scope = {});

/// The set of `scope` for a trip ridden in `year`: that year's, or when there is none the set of
/// the nearest year (the later one of two as near). Throws invalid_input (field "scope") if no
/// set has that scope.
const factor_set& factor_set_for_year(std::span<const factor_set> sets, int year, factor_scope scope);

}  // namespace pedalpower::telematics
