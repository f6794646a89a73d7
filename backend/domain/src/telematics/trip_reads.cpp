#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/json_numbers.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/trips.hpp"
#include "pedalpower/telematics/timestamp.hpp"
#include "listing/list_query.hpp"
#include "privacy_zone_rows.hpp"
#include "rider_emissions.hpp"
#include "trip_sources.hpp"
#include "utc_day_span.hpp"

namespace pedalpower::domain {
namespace {

/// The trips' emissions, each by its own year's factor set unless the answer asked for one; and the
/// sets used.
factors_used add_emissions(db::connection& db, std::vector<trip_record>& trips, emissions_calculator calculator)
{
  loan_riders riders(db);
  for (auto& trip : trips) {
    if (trip.loan_id) trip.emissions = calculator.estimate(riders.of(*trip.loan_id), trip.distance_m, trip.started);
  }
  return calculator.used();
}

void by_start(std::vector<trip_record>& trips)
{
  std::stable_sort(trips.begin(), trips.end(),
                   [](const trip_record& a, const trip_record& b) { return a.started < b.started; });
}

}  // namespace

void to_json(nlohmann::json& out, const factors_used& value)
{
  auto sets = nlohmann::json::array();
  for (const auto& set : value.sets) {
    sets.push_back({{"year", set.year}, {"source", set.source}, {"trip_years", set.trip_years}});
  }
  out = {{"year", value.year},
         {"scope", value.scope},
         {"source", value.source},
         {"ebike_wh_per_km", value.ebike_wh_per_km},
         {"sets", std::move(sets)}};
}

void to_json(nlohmann::json& out, const trip_record& value)
{
  out = {{"bike_id", value.bike_id},
         {"loan_id", value.loan_id ? nlohmann::json(*value.loan_id) : nlohmann::json()},
         {"started_at", telematics::format_timestamp(value.started)},
         {"ended_at", telematics::format_timestamp(value.ended)},
         {"distance_km", km_for_json(value.distance_m / 1000.0)},
         {"distance_source", value.distance_source},
         {"recorded_by", value.recorded_by},
         {"vehicle_distance_km", km_for_json(value.vehicle_distance_m / 1000.0)},
         {"unobserved_distance_km", km_for_json(value.unobserved_distance_m / 1000.0)},
         {"moving_s", value.moving_s},
         {"positions", value.position_count},
         {"summarised", value.summarised},
         {"emissions", nullptr}};
  if (value.emissions) {
    out["emissions"] = {{"avoided_kg", kg_for_json(value.emissions->avoided_kg)},
                        {"ebike_kg", kg_for_json(value.emissions->ebike_kg)},
                        {"net_kg", kg_for_json(value.emissions->net_kg)}};
  }
  if (value.shown_track) {
    auto track = nlohmann::json::array();
    for (const auto& point : *value.shown_track) track.push_back({point.lat, point.lon});
    out["track"] = std::move(track);
  }
}

void to_json(nlohmann::json& out, const trip_totals& value)
{
  out = {{"trips", value.trips},
         {"distance_km", km_for_json(value.distance_m / 1000.0)},
         {"emissions", nullptr},
         {"factors", value.factors}};
  if (value.emissions) {
    out["emissions"] = {{"avoided_kg", kg_for_json(value.emissions->avoided_kg)},
                        {"ebike_kg", kg_for_json(value.emissions->ebike_kg)},
                        {"net_kg", kg_for_json(value.emissions->net_kg)}};
  }
}

trip_totals totals_of(const trip_list& list)
{
  trip_totals totals;
  totals.factors = list.factors;
  for (const auto& trip : list.trips) {
    ++totals.trips;
    totals.distance_m += trip.distance_m;
    if (!trip.emissions) continue;
    if (!totals.emissions) totals.emissions = telematics::emissions_estimate{};
    totals.emissions->distance_km += trip.emissions->distance_km;
    totals.emissions->avoided_kg += trip.emissions->avoided_kg;
    totals.emissions->ebike_kg += trip.emissions->ebike_kg;
    totals.emissions->net_kg += trip.emissions->net_kg;
  }
  return totals;
}

outcome<trip_list> loan_trips(db::connection& db, std::int64_t loan_id, const emissions_basis& basis, bool with_track)
{
  const auto calculator = emissions_calculator::for_basis(basis);
  if (!calculator) return calculator.error();
  const auto lent = find_loan(db, loan_id);
  if (!lent) return lent.error();

  std::optional<std::vector<telematics::privacy_zone>> zones;
  if (with_track) zones = privacy_zones_of(db, lent->staff_id);
  const auto window = window_of_loan(bike_loan_windows(db, lent->bike_id), loan_id).value();
  auto trips = trips_from_positions(db, lent->bike_id, window, zones);
  auto summarised = summarised_trips_of_loan(db, loan_id);
  trips.insert(trips.begin(), std::make_move_iterator(summarised.begin()), std::make_move_iterator(summarised.end()));
  by_start(trips);

  auto factors = add_emissions(db, trips, calculator.value());
  return trip_list{std::move(factors), std::move(trips)};
}

outcome<trip_list> bike_trips(db::connection& db, std::int64_t bike_id, const std::string& from, const std::string& to,
                              const emissions_basis& basis)
{
  const auto days = utc_day_span(from, to);
  if (!days) return days.error();
  const auto calculator = emissions_calculator::for_basis(basis);
  if (!calculator) return calculator.error();
  if (const auto found = find_bike(db, bike_id); !found) return found.error();

  auto trips = trips_of_bike(db, bike_id, days->from_ms, days->until_ms);
  auto factors = add_emissions(db, trips, calculator.value());
  return trip_list{std::move(factors), std::move(trips)};
}

outcome<list_page<trip_record>> page_of_trips(std::vector<trip_record> trips, const page_request& wanted)
{
  using order = bool (*)(const trip_record&, const trip_record&);
  static constexpr std::array<std::pair<std::string_view, order>, 3> keys{{
      {"started_at", [](const trip_record& a, const trip_record& b) { return a.started < b.started; }},
      {"distance_km", [](const trip_record& a, const trip_record& b) { return a.distance_m < b.distance_m; }},
      {"moving_s", [](const trip_record& a, const trip_record& b) { return a.moving_s < b.moving_s; }},
  }};
  // The checks order_clause makes for SQL lists, so every list refuses the same things the same way.
  std::array<sort_key, 3> names{{{"started_at", ""}, {"distance_km", ""}, {"moving_s", ""}}};
  if (const auto checked = order_clause(wanted, names, ""); !checked) return checked.error();
  if (!wanted.sort.empty()) {
    const bool descending = wanted.sort.front() == '-';
    const auto field = std::string_view(wanted.sort).substr(descending ? 1 : 0);
    const auto key = std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.first == field; })->second;
    std::stable_sort(trips.begin(), trips.end(), [&](const trip_record& a, const trip_record& b) {
      return descending ? key(b, a) : key(a, b);
    });
  }
  list_page<trip_record> page;
  page.page = wanted.page;
  page.page_size = wanted.page_size;
  page.total = std::ssize(trips);
  const auto first = std::min(std::int64_t{wanted.page - 1} * wanted.page_size, page.total);
  const auto last = std::min(first + wanted.page_size, page.total);
  page.items.assign(std::make_move_iterator(trips.begin() + first), std::make_move_iterator(trips.begin() + last));
  return page;
}

}  // namespace pedalpower::domain
