#include "rider_emissions.hpp"

#include <chrono>
#include <map>
#include <stdexcept>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/telematics/error.hpp"
#include "telematics/ebike_energy.hpp"

namespace pedalpower::domain {
namespace {

bool is_car(telematics::travel_mode mode)
{
  using telematics::travel_mode;
  return mode == travel_mode::car_petrol || mode == travel_mode::car_diesel || mode == travel_mode::car_hybrid ||
         mode == travel_mode::car_electric;
}

}  // namespace

const loan_rider& loan_riders::of(std::int64_t loan_id)
{
  if (const auto known = known_.find(loan_id); known != known_.end()) return known->second;
  auto& row = db_.query("SELECT l.staff_id, l.site_id, s.pay_band, s.commute_mode, s.commute_car_occupancy"
                        " FROM loans l JOIN staff s ON s.id = l.staff_id WHERE l.id = ?1",
                        loan_id);
  if (!row.step()) throw std::out_of_range("no loan " + std::to_string(loan_id));
  loan_rider rider;
  row.read(rider.staff_id, rider.site_id, rider.pay_band);
  if (const auto mode = row.get_optional_text(3)) rider.previous_mode = telematics::parse_travel_mode(*mode);
  rider.car_occupancy = static_cast<int>(row.get_int(4));
  row.reset();
  return known_.emplace(loan_id, std::move(rider)).first->second;
}

outcome<emissions_calculator> emissions_calculator::for_basis(const emissions_basis& basis)
{
  if (auto wrong = ebike_energy_problem(basis.ebike_wh_per_km)) return *std::move(wrong);
  if (!basis.factor_year) return emissions_calculator(nullptr, basis.ebike_wh_per_km);
  try {
    return emissions_calculator(&telematics::select_factor_set(telematics::builtin_factor_sets(), basis.factor_year),
                                basis.ebike_wh_per_km);
  } catch (const telematics::invalid_input& missing) {
    return invalid("factor_year", "there is no emission factor set for that year: " + missing.reason());
  }
}

const telematics::factor_set& emissions_calculator::set_for(telematics::time_point started)
{
  const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(started)};
  return sets_.for_year(static_cast<int>(day.year()));
}

factors_used emissions_calculator::used() const
{
  const auto& latest = sets_.latest();
  factors_used used{latest.year, std::string(telematics::to_string(latest.scope)), latest.source, ebike_wh_per_km_, {}};
  std::map<int, factor_set_served> by_set;
  for (const auto& [trip_year, set] : sets_.used()) {
    auto& served = by_set[set->year];
    served.year = set->year;
    served.source = set->source;
    served.trip_years.push_back(trip_year);
  }
  for (auto& [year, served] : by_set) used.sets.push_back(std::move(served));
  return used;
}

std::optional<telematics::emissions_estimate> emissions_calculator::estimate(const loan_rider& rider, double distance_m,
                                                                             telematics::time_point started)
{
  if (!rider.previous_mode) return std::nullopt;
  const double occupancy = is_car(*rider.previous_mode) ? static_cast<double>(rider.car_occupancy) : 1.0;
  const telematics::mode_share previous{*rider.previous_mode, 1.0, occupancy};
  return telematics::estimate_emissions(distance_m / 1000.0, std::span(&previous, 1), set_for(started),
                                        ebike_wh_per_km_);
}

double emissions_calculator::charging_kg(double distance_m, telematics::time_point started)
{
  return distance_m / 1000.0 * telematics::ebike_charging_kg_per_km(set_for(started), ebike_wh_per_km_);
}

}  // namespace pedalpower::domain
