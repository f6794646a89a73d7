#include "pedalpower/domain/distance_report_file.hpp"

#include <string>
#include <vector>

#include "pedalpower/domain/json_numbers.hpp"
#include "reports/report_basis.hpp"

namespace pedalpower::domain {
namespace {

std::string figure(double value)
{
  auto text = std::to_string(value);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.ends_with('.')) text.pop_back();
  return text;
}

/// "DESNZ 2025, direct", or with several sets the trip years each served: "DESNZ 2024 (trips of
/// 2023, 2024), DESNZ 2025 (trips of 2025), direct".
std::string factors_text(const factors_used& factors)
{
  if (factors.sets.size() <= 1) return "DESNZ " + std::to_string(factors.year) + ", " + factors.scope;
  std::string text;
  for (const auto& set : factors.sets) {
    std::string years;
    for (const auto year : set.trip_years) years += (years.empty() ? "" : ", ") + std::to_string(year);
    text += "DESNZ " + std::to_string(set.year) + " (trips of " + years + "), ";
  }
  return text + factors.scope;
}

/// Each set's source, once.
std::string sources_text(const factors_used& factors)
{
  if (factors.sets.size() <= 1) return factors.source;
  std::string text;
  for (const auto& set : factors.sets) text += (text.empty() ? "" : "; ") + set.source;
  return text;
}

std::string small_numbers_text(int suppress_below)
{
  if (suppress_below <= 1) return "no count is hidden (the threshold is 1)";
  return "a site × pay band count of 1 to " + std::to_string(suppress_below - 1) + " riders shows as <" +
         std::to_string(suppress_below) +
         ", with no trips, km or CO2e; where the sums would give such a row back, another row is hidden too, as "
         "[c], or the sums are left out";
}

/// A sum over every row, or why it is left out.
std::string summed(const distance_report& report, double value)
{
  return report.sums_hidden ? std::string("left out: it would show the only row with riders") : figure(value);
}

std::vector<method_line> method_of(const distance_report& report)
{
  const auto completeness = completeness_of(report);
  return {{"Report", "Distance and CO2e by site and pay band"},
          {"Period", report.from + " to " + report.to + " (UTC days, both included, by trip start)"},
          {"Counted", "trips on loans, by the loan's site and the borrower's pay band"},
          {"Emission factors", factors_text(report.factors)},
          {"Factor source", sources_text(report.factors)},
          {"E-bike energy (Wh/km)", figure(report.factors.ebike_wh_per_km)},
          {"Avoided emissions", "reported apart from any inventory, never netted into it"},
          {"Trips outside loans", std::to_string(report.trips_outside_loans)},
          {"Distance outside loans (km)", figure(km_for_json(report.distance_outside_loans_km))},
          {"Cycling counted (km)", summed(report, km_for_json(completeness.cycling_km))},
          {"Carried in a vehicle, not counted (km)", summed(report, km_for_json(completeness.vehicle_km))},
          {"Not observed, not counted (km)", summed(report, km_for_json(completeness.unobserved_km))},
          {"Share not observed", summed(report, completeness.unobserved_share)},
          {"Small numbers", small_numbers_text(report.suppress_below)}};
}

}  // namespace

void write_distance_report(const distance_report& report, report_writer& out)
{
  using kind = column_kind;
  static const std::vector<report_column> columns{
      {"site_code", "Site"},
      {"pay_band", "Pay band"},
      {"trips", "Trips", kind::integer},
      {"riders", "Riders", kind::integer},
      {"distance_km", "Distance (km)", kind::decimal, 1},
      {"unknown_mode_km", "Of which previous mode unknown (km)", kind::decimal, 1},
      {"vehicle_km", "In a vehicle, not counted (km)", kind::decimal, 1},
      {"unobserved_km", "Not observed, not counted (km)", kind::decimal, 1},
      {"avoided_kg", "CO2e avoided (kg)", kind::decimal, 2},
      {"ebike_kg", "E-bike charging CO2e (kg)", kind::decimal, 2},
      {"net_kg", "Net CO2e avoided (kg)", kind::decimal, 2}};
  const auto method = method_of(report);
  out.method(method);
  out.begin_sheet("Distance by site and band", columns);
  for (const auto& total : report.totals) {
    const auto shown = [&total](report_cell value) { return total.hidden ? report_cell{} : value; };
    const std::vector<report_cell> cells{total.site_code,
                                         total.pay_band,
                                         shown(total.trips),
                                         riders_cell(total, report.suppress_below),
                                         shown(km_for_json(total.distance_km)),
                                         shown(km_for_json(total.unknown_mode_km)),
                                         shown(km_for_json(total.vehicle_km)),
                                         shown(km_for_json(total.unobserved_km)),
                                         shown(kg_for_json(total.avoided_kg)),
                                         shown(kg_for_json(total.ebike_kg)),
                                         shown(kg_for_json(total.net_kg))};
    out.row(cells);
  }
  out.end_sheet();
}

report_cell riders_cell(const distance_total& total, int suppress_below)
{
  return total.hidden ? hidden_people_cell(total.riders, suppress_below) : report_cell(total.riders);
}

}  // namespace pedalpower::domain
