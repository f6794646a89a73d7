#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/reports.hpp"
#include "pedalpower/telematics/emissions.hpp"
#include "pedalpower/telematics/factor_set.hpp"
#include "telematics/factor_years.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A report's whole UTC months: 'YYYY-MM' keys to compare with rollups, and Unix seconds.
struct month_span {
  std::string from;
  std::string to;
  std::int64_t from_s = 0;   ///< start of the first month
  std::int64_t until_s = 0;  ///< start of the month after the last
  int months = 0;
  int first_index = 0;  ///< months since year 0 of the first month
  std::vector<std::string> month_names;   ///< 'YYYY-MM' of each month, in order
  std::vector<std::int64_t> month_starts;  ///< the start of each, Unix seconds

  /// Where 'YYYY-MM' `month` is in month_names, or none when outside the span.
  std::optional<std::size_t> position_of(std::string_view month) const;
  /// The year of the month at `position`.
  int year_at(std::size_t position) const { return (first_index + static_cast<int>(position)) / 12; }
};

/// The request checked, with its months and site code. Problems as write_activity_report's.
struct checked_request {
  report_request request;
  month_span span;
  std::string site_filter;  ///< "all sites" or the site's code
};
outcome<checked_request> check_report_request(db::connection& db, const report_request& request);

/// A stored previous commute: none when not recorded ('').
std::optional<telematics::travel_mode> recorded_mode(std::string_view previous_mode);

/// The emission factors of each trip's year, the rates a report multiplies km by, and which sets
/// it used, for its Method section.
class report_emissions {
public:
  report_emissions(telematics::factor_scope scope, double ebike_wh_per_km) : sets_(scope), ebike_wh_per_km_(ebike_wh_per_km) {}

  /// kg CO2e per km a rider's previous mode would have emitted in a trip of `year`; none when the
  /// mode is not recorded.
  std::optional<double> avoided_per_km(int year, std::optional<telematics::travel_mode> previous_mode,
                                       int car_occupancy);
  /// kg CO2e per km of the e-bike's charging in a trip of `year`.
  double ebike_per_km(int year);

  /// Method lines: the scope, each set used with the years it served, its source and rows.
  std::vector<method_line> method_lines() const;

private:
  factor_years sets_;
  double ebike_wh_per_km_;
};

/// The lines every report's Method section starts with: what it is, period, filters.
std::vector<method_line> opening_method_lines(const std::string& report, const checked_request& checked);

/// The lines every report's Method section ends with: small-number suppression, software, time.
void closing_method_lines(std::vector<method_line>& lines, const checked_request& checked);

/// A count of people: "<N" when 1 to N-1, where a band × site row could point at a person.
report_cell people_cell(std::int64_t count, int suppress_below);
/// A count of people that is hidden: "<N" when it is below `suppress_below`, else "[c]" (hidden to
/// keep another hidden count hidden).
report_cell hidden_people_cell(std::int64_t count, int suppress_below);

/// Kilometres in whole millimetres, as the rollups keep distances.
inline double km(std::int64_t mm) { return static_cast<double>(mm) / 1e6; }

/// Kilometres and kilograms rounded as the JSON answers are: metres and grams.
report_cell km_cell(double km);
report_cell kg_cell(double kg);

/// "12.5%" of `part` in `whole`; "0.0%" when `whole` is 0.
std::string percent_text(double part, double whole);

/// Site codes by id.
std::map<std::int64_t, std::string> report_site_codes(db::connection& db);

}  // namespace pedalpower::domain
