#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/distance_report_file.hpp"
#include "pedalpower/domain/pay_band.hpp"
#include "pedalpower/domain/json_numbers.hpp"
#include "pedalpower/domain/telematics_reports.hpp"
#include "reports/report_basis.hpp"
#include "reports/small_numbers.hpp"
#include "rider_emissions.hpp"
#include "trip_sources.hpp"
#include "utc_day_span.hpp"

namespace pedalpower::domain {
namespace {

std::size_t band_order(const std::string& band)
{
  return static_cast<std::size_t>(std::find(pay_bands.begin(), pay_bands.end(), band) - pay_bands.begin());
}

struct cell {
  distance_total total;
  std::set<std::int64_t> riders;
};

std::map<std::int64_t, std::string> site_codes(db::connection& db)
{
  std::map<std::int64_t, std::string> codes;
  auto& rows = db.query("SELECT id, code FROM sites");
  while (rows.step()) codes.emplace(rows.get_int(0), rows.get_text(1));
  return codes;
}

std::vector<std::int64_t> bike_ids(db::connection& db)
{
  std::vector<std::int64_t> ids;
  auto& rows = db.query("SELECT id FROM bikes ORDER BY id");
  while (rows.step()) ids.push_back(rows.get_int(0));
  return ids;
}

/// A site × band count of riders as the files show it: the number, "<N" when too few to show, or
/// "[c]" when hidden to keep another hidden.
nlohmann::json riders_json(const distance_total& total, int suppress_below)
{
  const auto cell = riders_cell(total, suppress_below);
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  return total.riders;
}

/// A figure of a row, or null when the row is hidden.
nlohmann::json figure(const distance_total& total, double value)
{
  return total.hidden ? nlohmann::json(nullptr) : nlohmann::json(value);
}

/// Hides the rows whose riders are too few, and one more wherever the sums would give one back.
void hide_small_rows(distance_report& report)
{
  small_numbers people(report.suppress_below);
  std::vector<std::size_t> rows;
  std::int64_t riders = 0;
  for (const auto& total : report.totals) {
    rows.push_back(people.band_by_site(total.riders));
    riders += total.riders;
  }
  const auto sums = people.total(riders);
  people.adds_up(sums, rows);
  for (std::size_t at = 0; at < rows.size(); ++at) report.totals[at].hidden = people.hidden(rows[at]);
  report.sums_hidden = people.hidden(sums);
}

}  // namespace

void to_json(nlohmann::json& out, const distance_report& value)
{
  auto totals = nlohmann::json::array();
  for (const auto& total : value.totals) {
    totals.push_back({{"site_id", total.site_id},
                      {"site_code", total.site_code},
                      {"pay_band", total.pay_band},
                      {"trips", total.hidden ? nlohmann::json(nullptr) : nlohmann::json(total.trips)},
                      {"riders", riders_json(total, value.suppress_below)},
                      {"distance_km", figure(total, km_for_json(total.distance_km))},
                      {"unknown_mode_km", figure(total, km_for_json(total.unknown_mode_km))},
                      {"vehicle_km", figure(total, km_for_json(total.vehicle_km))},
                      {"unobserved_km", figure(total, km_for_json(total.unobserved_km))},
                      {"avoided_kg", figure(total, kg_for_json(total.avoided_kg))},
                      {"ebike_kg", figure(total, kg_for_json(total.ebike_kg))},
                      {"net_kg", figure(total, kg_for_json(total.net_kg))}});
  }
  out = {{"from", value.from},
         {"to", value.to},
         {"factors", value.factors},
         {"totals", std::move(totals)},
         {"suppress_below", value.suppress_below},
         {"outside_loans", {{"trips", value.trips_outside_loans}, {"distance_km", km_for_json(value.distance_outside_loans_km)}}}};
  const auto completeness = completeness_of(value);
  out["data_completeness"] = value.sums_hidden
                                 ? nlohmann::json(nullptr)
                                 : nlohmann::json{{"cycling_km", km_for_json(completeness.cycling_km)},
                                                  {"vehicle_km", km_for_json(completeness.vehicle_km)},
                                                  {"unobserved_km", km_for_json(completeness.unobserved_km)},
                                                  {"unobserved_share", completeness.unobserved_share}};
}

data_completeness completeness_of(const distance_report& report)
{
  data_completeness sums;
  for (const auto& total : report.totals) {
    sums.cycling_km += total.distance_km;
    sums.vehicle_km += total.vehicle_km;
    sums.unobserved_km += total.unobserved_km;
  }
  const double moved_km = sums.cycling_km + sums.unobserved_km;
  sums.unobserved_share = moved_km > 0.0 ? sums.unobserved_km / moved_km : 0.0;
  return sums;
}

outcome<distance_report> distance_by_site_and_band(db::connection& db, const std::string& from, const std::string& to,
                                                    const emissions_basis& basis, int suppress_below)
{
  if (suppress_below < 1) return invalid("suppress_below", "the suppression threshold is 1 or more");
  const auto days = utc_day_span(from, to);
  if (!days) return days.error();
  const auto made = emissions_calculator::for_basis(basis);
  if (!made) return made.error();
  auto calculator = made.value();

  distance_report report;
  report.from = from;
  report.to = to;
  report.suppress_below = suppress_below;

  loan_riders riders(db);
  std::map<std::pair<std::int64_t, std::string>, cell> cells;
  for (const auto bike_id : bike_ids(db)) {
    for (const auto& trip : trips_of_bike(db, bike_id, days->from_ms, days->until_ms)) {
      const double km = trip.distance_m / 1000.0;
      if (!trip.loan_id) {
        ++report.trips_outside_loans;
        report.distance_outside_loans_km += km;
        continue;
      }
      const auto& rider = riders.of(*trip.loan_id);
      auto& [total, riders_seen] = cells[{rider.site_id, rider.pay_band}];
      ++total.trips;
      riders_seen.insert(rider.staff_id);
      total.distance_km += km;
      total.vehicle_km += trip.vehicle_distance_m / 1000.0;
      total.unobserved_km += trip.unobserved_distance_m / 1000.0;
      if (const auto estimate = calculator.estimate(rider, trip.distance_m, trip.started)) {
        total.avoided_kg += estimate->avoided_kg;
        total.ebike_kg += estimate->ebike_kg;
        total.net_kg += estimate->net_kg;
      } else {
        // Nothing is reckoned avoided, but the charging was emitted, as the activity report counts it.
        total.unknown_mode_km += km;
        const auto charging = calculator.charging_kg(trip.distance_m, trip.started);
        total.ebike_kg += charging;
        total.net_kg -= charging;
      }
    }
  }

  report.factors = calculator.used();
  const auto codes = site_codes(db);
  for (auto& [key, found] : cells) {
    found.total.site_id = key.first;
    found.total.site_code = codes.at(key.first);
    found.total.pay_band = key.second;
    found.total.riders = static_cast<std::int64_t>(found.riders.size());
    report.totals.push_back(std::move(found.total));
  }
  std::sort(report.totals.begin(), report.totals.end(), [](const distance_total& a, const distance_total& b) {
    return a.site_code != b.site_code ? a.site_code < b.site_code : band_order(a.pay_band) < band_order(b.pay_band);
  });
  hide_small_rows(report);
  return report;
}

}  // namespace pedalpower::domain
