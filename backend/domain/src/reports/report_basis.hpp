#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/reports.hpp"
#include "pedalpower/telematics/factor_set.hpp"

namespace pedalpower::db {
class connection;
}

namespace pedalpower::domain {

/// A report's whole UTC months: 'YYYY-MM' keys to compare with rollups, and Unix seconds.
struct month_span {
  std::string from;
  std::string to;
  std::int64_t from_s = 0;   ///< start of the first month
  std::int64_t until_s = 0;  ///< start of the month after the last
  int months = 0;
  std::vector<std::string> month_names;   ///< 'YYYY-MM' of each month, in order
  std::vector<std::int64_t> month_starts;  ///< the start of each, Unix seconds
};

/// The request checked, with its months and site code. Problems as write_activity_report's.
struct checked_request {
  report_request request;
  month_span span;
  std::string site_filter;  ///< "all sites" or the site's code
};
outcome<checked_request> check_report_request(db::connection& db, const report_request& request);

/// The emission factors of each trip's year, the rates a report multiplies km by, and which sets
/// it used, for its Method section.
class report_emissions {
public:
  report_emissions(telematics::factor_scope scope, double ebike_wh_per_km) : scope_(scope), ebike_wh_per_km_(ebike_wh_per_km) {}

  /// kg CO2e per km a rider's previous mode would have emitted in `month` ('YYYY-MM'); none when
  /// the mode is not recorded ('').
  std::optional<double> avoided_per_km(const std::string& month, const std::string& previous_mode, int car_occupancy);
  /// kg CO2e per km of the e-bike's charging in `month`.
  double ebike_per_km(const std::string& month);

  /// Method lines: the scope, each set used with the years it served, its source and rows.
  std::vector<method_line> method_lines() const;

private:
  const telematics::factor_set& set_for(const std::string& month);

  telematics::factor_scope scope_;
  double ebike_wh_per_km_;
  std::map<int, const telematics::factor_set*> used_;  ///< trip year -> the set it used
};

/// The lines every report's Method section starts with: what it is, period, filters.
std::vector<method_line> opening_method_lines(const std::string& report, const checked_request& checked);

/// The lines every report's Method section ends with: small-number suppression, software, time.
void closing_method_lines(std::vector<method_line>& lines, const checked_request& checked);

/// A count of people: "<N" when 1 to N-1, where a band × site row could point at a person.
report_cell people_cell(std::int64_t count, int suppress_below);

/// Kilometres and kilograms rounded as the JSON answers are: metres and grams.
report_cell km_cell(double km);
report_cell kg_cell(double kg);

/// "12.5%" of `part` in `whole`; "0.0%" when `whole` is 0.
std::string percent_text(double part, double whole);

/// Site codes by id.
std::map<std::int64_t, std::string> report_site_codes(db::connection& db);

}  // namespace pedalpower::domain
