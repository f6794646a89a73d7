#include "report_basis.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/telematics/emissions.hpp"
#include "pedalpower/telematics/error.hpp"
#include "telematics/ebike_energy.hpp"

namespace pedalpower::domain {
namespace {

constexpr int most_months = 120;

std::optional<int> number(std::string_view text)
{
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// Months since year 0 of a 'YYYY-MM', or none when it is not one.
std::optional<int> month_index(std::string_view text)
{
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  const auto year = number(text.substr(0, 4));
  const auto month = number(text.substr(5, 2));
  if (!year || !month || *year < 1970 || *month < 1 || *month > 12) return std::nullopt;
  return *year * 12 + *month - 1;
}

std::int64_t start_of_month_s(int index)
{
  // Days from 1970-01-01 to the first of the month (Howard Hinnant's days_from_civil).
  const int year = index / 12;
  const unsigned month = static_cast<unsigned>(index % 12 + 1);
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = y / 400;
  const unsigned year_of_era = static_cast<unsigned>(y - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return (std::int64_t{era} * 146097 + day_of_era - 719468) * seconds_per_day;
}

std::string fixed(double value, int decimals)
{
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace

std::optional<std::size_t> month_span::position_of(std::string_view month) const
{
  const auto index = month_index(month);
  if (!index || *index < first_index || *index - first_index >= months) return std::nullopt;
  return static_cast<std::size_t>(*index - first_index);
}

outcome<checked_request> check_report_request(db::connection& db, const report_request& request)
{
  const auto from = month_index(request.from);
  if (!from) return invalid("from", "from is a month, YYYY-MM");
  const auto to = month_index(request.to);
  if (!to) return invalid("to", "to is a month, YYYY-MM");
  if (*to < *from) return invalid("to", "to cannot come before from");
  if (*to - *from + 1 > most_months) return invalid("to", "a report covers at most 120 months");
  if (auto wrong = ebike_energy_problem(request.ebike_wh_per_km)) return *std::move(wrong);
  if (request.suppress_below < 1) return invalid("suppress_below", "the suppression threshold is 1 or more");
  checked_request checked{request, {request.from, request.to, start_of_month_s(*from), start_of_month_s(*to + 1),
                                    *to - *from + 1, *from, {}, {}},
                          "all sites"};
  for (int index = *from; index <= *to; ++index) {
    char name[16];
    std::snprintf(name, sizeof name, "%04d-%02d", index / 12, index % 12 + 1);
    checked.span.month_names.emplace_back(name);
    checked.span.month_starts.push_back(start_of_month_s(index));
  }
  if (request.site_id) {
    auto& site = db.query("SELECT code FROM sites WHERE id = ?1", *request.site_id);
    const bool found = site.step();
    if (found) checked.site_filter = "site " + site.get_text(0);
    site.reset();
    if (!found) return invalid("site_id", "there is no such site");
  }
  return checked;
}

std::optional<telematics::travel_mode> recorded_mode(std::string_view previous_mode)
{
  if (previous_mode.empty()) return std::nullopt;
  return telematics::parse_travel_mode(previous_mode);
}

std::optional<double> report_emissions::avoided_per_km(int year, std::optional<telematics::travel_mode> previous_mode,
                                                       int car_occupancy)
{
  if (!previous_mode) return std::nullopt;
  return telematics::emission_factor_kg_per_km(*previous_mode, sets_.for_year(year)) / std::max(car_occupancy, 1);
}

double report_emissions::ebike_per_km(int year)
{
  return telematics::ebike_charging_kg_per_km(sets_.for_year(year), ebike_wh_per_km_);
}

std::vector<method_line> report_emissions::method_lines() const
{
  std::vector<method_line> lines;
  lines.push_back({"Emission factor scope", std::string(telematics::to_string(sets_.scope()))});
  std::map<const telematics::factor_set*, std::string> years_served;
  for (const auto& [year, set] : sets_.used()) {
    auto& years = years_served[set];
    years += (years.empty() ? "" : ", ") + std::to_string(year);
  }
  if (sets_.used().size() > 1) {
    lines.push_back({"Years", "the period spans several years: each trip uses the factor set of its own year, or the "
                              "nearest year's where there is none"});
  }
  for (const auto& [set, years] : years_served) {
    const auto name = "Factor set " + std::to_string(set->year) + " (" + std::string(telematics::to_string(set->scope)) + ")";
    lines.push_back({name, set->source + "; used for trips in " + years});
    for (const auto& row : set->rows) {
      lines.push_back({name + " row " + row.id, row.factor + " = " + fixed(row.value, 5) + ": " + row.row});
    }
  }
  lines.push_back({"E-bike energy", fixed(ebike_wh_per_km_, 1) + " Wh/km at the wall, at the grid's generation and "
                                                                   "transmission factors"});
  lines.push_back({"Car occupancy", "each rider's own, from their commute record (avoided car emissions are divided by "
                                    "the people sharing the car); bus and rail factors are per passenger already"});
  lines.push_back({"Avoided emissions", "what the riders' previous modes would have emitted: reported beside any "
                                        "emissions inventory, never subtracted from it; net = avoided - e-bike, never "
                                        "clamped at zero"});
  return lines;
}

std::vector<method_line> opening_method_lines(const std::string& report, const checked_request& checked)
{
  return {{"Report", report},
          {"Period", checked.span.from + " to " + checked.span.to + " (whole UTC months; trips by their start)"},
          {"Filters", checked.site_filter}};
}

void closing_method_lines(std::vector<method_line>& lines, const checked_request& checked)
{
  const auto threshold = std::to_string(checked.request.suppress_below);
  if (checked.request.suppress_below <= 1) {
    lines.push_back({"Small numbers", "no count is hidden (the threshold is 1)"});
    return;
  }
  lines.push_back({"Small numbers", "in a pay band × site breakdown a count of 1 to " +
                                        std::to_string(checked.request.suppress_below - 1) + " people shows as <" +
                                        threshold +
                                        "; where a subtotal or total would give such a count back, "
                                        "another count it adds up with is hidden too, as [c]; a row whose people "
                                        "are hidden leaves its trips, km and CO2e empty"});
}

report_cell people_cell(std::int64_t count, int suppress_below)
{
  if (count > 0 && count < suppress_below) return "<" + std::to_string(suppress_below);
  return count;
}

report_cell hidden_people_cell(std::int64_t count, int suppress_below)
{
  if (count < suppress_below) return "<" + std::to_string(suppress_below);
  return std::string("[c]");
}

report_cell km_cell(double km) { return std::round(km * 1000.0) / 1000.0; }

report_cell kg_cell(double kg) { return std::round(kg * 1000.0) / 1000.0; }

std::string percent_text(double part, double whole) { return fixed(whole > 0.0 ? 100.0 * part / whole : 0.0, 1) + "%"; }

std::map<std::int64_t, std::string> report_site_codes(db::connection& db)
{
  std::map<std::int64_t, std::string> codes;
  auto& rows = db.query("SELECT id, code FROM sites");
  while (rows.step()) codes.emplace(rows.get_int(0), rows.get_text(1));
  return codes;
}

}  // namespace pedalpower::domain
