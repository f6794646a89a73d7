#include "pedalpower/telematics/emissions.hpp"

#include <array>
#include <cmath>

#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics {

namespace {

constexpr std::array all_modes{travel_mode::car_petrol, travel_mode::car_diesel, travel_mode::car_hybrid,
                               travel_mode::car_electric, travel_mode::bus,        travel_mode::rail,
                               travel_mode::walk,         travel_mode::cycle,      travel_mode::none};

bool is_car(travel_mode mode) noexcept
{
  return mode == travel_mode::car_petrol || mode == travel_mode::car_diesel || mode == travel_mode::car_hybrid ||
         mode == travel_mode::car_electric;
}

void require_non_negative(double value, const char* field)
{
  if (!std::isfinite(value) || value < 0.0) throw invalid_input(field, "must be a non-negative number");
}

void check_shares(std::span<const mode_share> previous_modes)
{
  if (previous_modes.empty()) throw invalid_input("mode", "at least one previous mode is needed");
  double total = 0.0;
  for (const auto& part : previous_modes) {
    if (!std::isfinite(part.share) || part.share < 0.0 || part.share > 1.0) {
      throw invalid_input("share", "each mode's share must be within 0 to 1");
    }
    if (!std::isfinite(part.occupancy) || part.occupancy < 1.0) {
      throw invalid_input("occupancy", "must be at least 1: the rider is one of the people travelling");
    }
    if (!is_car(part.mode) && part.occupancy != 1.0) {
      throw invalid_input("occupancy", std::string(to_string(part.mode)) +
                                           " factors are per passenger already; occupancy applies to cars only");
    }
    total += part.share;
  }
  if (std::abs(total - 1.0) > 1e-6) throw invalid_input("share", "the shares must sum to 1");
}

}  // namespace

std::string_view to_string(travel_mode mode) noexcept
{
  switch (mode) {
    case travel_mode::car_petrol: return "car_petrol";
    case travel_mode::car_diesel: return "car_diesel";
    case travel_mode::car_hybrid: return "car_hybrid";
    case travel_mode::car_electric: return "car_electric";
    case travel_mode::bus: return "bus";
    case travel_mode::rail: return "rail";
    case travel_mode::walk: return "walk";
    case travel_mode::cycle: return "cycle";
    case travel_mode::none: return "none";
  }
  return "unknown";
}

travel_mode parse_travel_mode(std::string_view name)
{
  for (const auto mode : all_modes) {
    if (to_string(mode) == name) return mode;
  }
  throw invalid_input("mode", "'" + std::string(name) +
                                  "' is not one of car_petrol, car_diesel, car_hybrid, car_electric, bus, rail, "
                                  "walk, cycle, none");
}

double emission_factor_kg_per_km(travel_mode mode, const factor_set& factors) noexcept
{
  switch (mode) {
    case travel_mode::car_petrol: return factors.car_petrol_kg_per_km;
    case travel_mode::car_diesel: return factors.car_diesel_kg_per_km;
    case travel_mode::car_hybrid: return factors.car_hybrid_kg_per_km;
    case travel_mode::car_electric: return factors.car_electric_kg_per_km;
    case travel_mode::bus: return factors.bus_kg_per_passenger_km;
    case travel_mode::rail: return factors.rail_kg_per_passenger_km;
    case travel_mode::walk:
    case travel_mode::cycle:
    case travel_mode::none: break;
  }
  return 0.0;
}

double ebike_charging_kg_per_km(const factor_set& factors, double ebike_wh_per_km) noexcept
{
  return ebike_wh_per_km / 1000.0 * (factors.grid_generation_kg_per_kwh + factors.grid_td_kg_per_kwh);
}

emissions_estimate estimate_emissions(double distance_km, std::span<const mode_share> previous_modes,
                                      const factor_set& factors, double ebike_wh_per_km)
{
  require_non_negative(distance_km, "distance_km");
  require_non_negative(ebike_wh_per_km, "wh_per_km");
  check_shares(previous_modes);

  double avoided_per_km = 0.0;
  for (const auto& part : previous_modes) {
    avoided_per_km += part.share * emission_factor_kg_per_km(part.mode, factors) / part.occupancy;
  }
  emissions_estimate estimate;
  estimate.distance_km = distance_km;
  estimate.avoided_kg = distance_km * avoided_per_km;
  estimate.ebike_kg = distance_km * ebike_charging_kg_per_km(factors, ebike_wh_per_km);
  estimate.net_kg = estimate.avoided_kg - estimate.ebike_kg;
  estimate.ebike_wh_per_km = ebike_wh_per_km;
  estimate.factor_year = factors.year;
  estimate.scope = factors.scope;
  estimate.factor_source = factors.source;
  return estimate;
}

}  // namespace pedalpower::telematics
