#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/trips.hpp"
#include "pedalpower/telematics/emissions.hpp"
#include "pedalpower/telematics/factor_set.hpp"
#include "telematics/factor_years.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What a trip's figures need to know about its loan: the borrower's previous commute, and the
/// site and pay band that reports group by.
struct loan_rider {
  std::int64_t staff_id = 0;
  std::int64_t site_id = 0;
  std::string pay_band;
  std::optional<telematics::travel_mode> previous_mode;
  int car_occupancy = 1;
};

/// Riders of the loans met while answering one request, each read once.
class loan_riders {
public:
  explicit loan_riders(db::connection& db) : db_(db) {}
  /// The borrower of `loan_id`. Throws std::out_of_range if there is no such loan.
  const loan_rider& of(std::int64_t loan_id);

private:
  db::connection& db_;
  std::unordered_map<std::int64_t, loan_rider> known_;
};

/// The factor sets and e-bike energy one answer uses: the set of the year asked for, or else each
/// trip's own year's (the nearest year's where there is none), as the activity report chooses.
class emissions_calculator {
public:
  /// Problems: invalid "factor_year" with no built-in set, "ebike_wh_per_km" negative or not finite.
  static outcome<emissions_calculator> for_basis(const emissions_basis& basis);

  /// The sets used so far.
  factors_used used() const;
  /// The emissions of a trip begun at `started` for the rider's previous mode; none when that mode
  /// is not recorded.
  std::optional<telematics::emissions_estimate> estimate(const loan_rider& rider, double distance_m,
                                                         telematics::time_point started);
  /// The e-bike's charging for a trip, whatever the rider did before: emitted either way.
  double charging_kg(double distance_m, telematics::time_point started);

private:
  emissions_calculator(const telematics::factor_set* asked_for, double ebike_wh_per_km)
      : sets_(telematics::factor_scope::direct, asked_for), ebike_wh_per_km_(ebike_wh_per_km)
  {
  }
  const telematics::factor_set& set_for(telematics::time_point started);

  factor_years sets_;
  double ebike_wh_per_km_;
};

}  // namespace pedalpower::domain
