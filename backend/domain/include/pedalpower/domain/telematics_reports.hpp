#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/reports.hpp"
#include "pedalpower/domain/trips.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Trips of one site and pay band in a period: aggregates only, never a person.
struct distance_total {
  std::int64_t site_id = 0;
  std::string site_code;
  std::string pay_band;
  std::int64_t trips = 0;
  std::int64_t riders = 0;
  double distance_km = 0.0;
  /// Distance of riders whose previous commute mode is not recorded: in distance_km and in the
  /// e-bike's charging, not in the avoided emissions, which would otherwise be guessed.
  double unknown_mode_km = 0.0;
  /// Left out of distance_km: carried in a car or on a train, and straight lines across breaks in
  /// the record (no reception, a tracker off) that were not bridged.
  double vehicle_km = 0.0;
  double unobserved_km = 0.0;
  double avoided_kg = 0.0;
  double ebike_kg = 0.0;
  double net_kg = 0.0;
  /// Its riders are too few to show, or hidden to keep another such row hidden: its riders show as
  /// "<N" or "[c]", and its trips, km and CO2e are left out.
  bool hidden = false;
};

struct distance_report {
  std::string from;  ///< 'YYYY-MM-DD', first day included
  std::string to;    ///< 'YYYY-MM-DD', last day included
  factors_used factors;
  std::vector<distance_total> totals;  ///< by site code, then pay band in pay_bands order
  std::int64_t trips_outside_loans = 0;
  double distance_outside_loans_km = 0.0;  ///< fleet moves (workshop runs, recovery): nobody's commute
  /// Riders in a site × band total of 1 to suppress_below - 1 show as "<N", in JSON and in files.
  int suppress_below = default_suppress_below;
  /// The sums over every row would give a hidden row back (it is the only one with riders): the
  /// data completeness is left out.
  bool sums_hidden = false;
};

/// How complete the figures of a report are, over its trips on loans: the cycling counted beside
/// what was left out as a vehicle and what was not observed.
struct data_completeness {
  double cycling_km = 0.0;
  double vehicle_km = 0.0;
  double unobserved_km = 0.0;
  /// unobserved_km / (cycling_km + unobserved_km): how much of the movement seen only as a
  /// straight line across a break was left out; 0 when nothing moved.
  double unobserved_share = 0.0;
};

/// The report's totals summed: its data completeness.
data_completeness completeness_of(const distance_report& report);

void to_json(nlohmann::json& out, const distance_report& value);

/// Distance and emissions of the trips that started from `from` to `to` (UTC days, both
/// included), by the loan's site and the borrower's pay band. Problems: invalid "from" or "to"
/// (not a date, or `to` before `from`), "factor_year", "ebike_wh_per_km", "suppress_below".
outcome<distance_report> distance_by_site_and_band(db::connection& db, const std::string& from, const std::string& to,
                                                    const emissions_basis& basis, int suppress_below);

}  // namespace pedalpower::domain
