#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/telematics/emissions.hpp"
#include "reports/report_basis.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Sums of one row of an activity sheet.
struct figures {
  std::int64_t loans = 0;
  std::int64_t trips = 0;
  std::int64_t riders = 0;
  std::int64_t distance_mm = 0;
  std::int64_t unknown_mode_mm = 0;
  std::int64_t vehicle_mm = 0;
  std::int64_t unobserved_mm = 0;
  double avoided_kg = 0.0;
  double ebike_kg = 0.0;

  /// Adds everything but the riders, who cannot be summed across rows in general.
  void add(const figures& other);
};

/// A detail row's place: the month (its position in the report's span), the site, and the pay band
/// (its position in pay_bands, which is also the bands' order).
struct cell_key {
  std::size_t month = 0;
  std::int64_t site = 0;
  std::size_t band = 0;
  auto operator<=>(const cell_key&) const = default;
};

/// A rider's previous mode: a telematics::travel_mode, or not recorded, which comes last.
inline constexpr int mode_not_recorded = static_cast<int>(telematics::travel_mode::none) + 1;
std::string previous_mode_name(int mode);

/// A month (its position in the span) and a previous mode.
struct mode_key {
  std::size_t month = 0;
  int mode = 0;
  auto operator<=>(const mode_key&) const = default;
};

/// One journey's sums: by month, site and band, and by month and previous mode.
struct sheet_figures {
  std::map<cell_key, figures> cells;
  std::map<mode_key, figures> by_month_and_mode;
};

/// Distinct riders every way a sheet totals them: people cannot be summed across rows. A rider
/// has one pay band and one previous mode (the rollups follow their current ones), so a rider met
/// for the first time in the period counts once for their band and mode, and one met for the first
/// time in a month once for that month and mode.
struct rider_counts {
  std::vector<std::int64_t> by_month;  ///< by the month's position in the span
  std::map<std::int64_t, std::int64_t> by_site;
  std::array<std::int64_t, pay_bands.size()> by_band{};
  std::map<mode_key, std::int64_t> by_month_and_mode;
  std::map<int, std::int64_t> by_mode;
  std::int64_t all = 0;
};

/// Where the period's km came from, over both journeys, for the Method's data completeness.
struct completeness {
  figures all;  ///< distance, km with no previous mode, left out as a vehicle, not observed
  std::int64_t odometer_mm = 0;
  std::int64_t gpx_mm = 0;
};

struct journey_figures {
  sheet_figures sheet;
  rider_counts riders;
};

struct activity_figures {
  journey_figures commuting;  ///< with the loans checked out
  journey_figures between_sites;
  completeness sources;
};

/// Everything the activity report shows, read from the trip, rider and loan rollups once each.
activity_figures read_activity_figures(db::connection& db, const checked_request& checked,
                                       report_emissions& emissions);

}  // namespace pedalpower::domain
