#include "pedalpower/domain/fleet_figures.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/core/clock.hpp"
#include "../telematics/utc_day_span.hpp"

namespace pedalpower::domain {
namespace {

constexpr int max_days = 366;

struct status_change {
  unix_seconds at = 0;
  std::string before;
  std::string after;
};

struct fleet_bike {
  std::int64_t id = 0;
  std::string asset_tag;
  std::int64_t site_id = 0;
  std::string model;
  std::string status;
  unix_seconds created_at = 0;
  std::vector<status_change> changes;
};

bool lendable(const std::string& status) { return status == "available" || status == "reserved" || status == "on_loan"; }

std::vector<fleet_bike> load_bikes(db::connection& db, const figures_filter& filter, unix_seconds end)
{
  std::vector<fleet_bike> bikes;
  auto& rows = db.query("SELECT id, asset_tag, site_id, model, status, created_at FROM bikes"
                        " WHERE (?1 IS NULL OR site_id = ?1) AND (?2 IS NULL OR model = ?2) AND created_at < ?3 ORDER BY asset_tag",
                        filter.site_id, filter.model, end);
  while (rows.step()) {
    bikes.push_back({rows.get_int(0), rows.get_text(1), rows.get_int(2), rows.get_text(3), rows.get_text(4),
                     rows.get_int(5), {}});
  }
  std::map<std::int64_t, fleet_bike*> by_id;
  for (auto& bike : bikes) by_id[bike.id] = &bike;
  auto& changes = db.query("SELECT CAST(entity_id AS INTEGER), at, json_extract(before, '$.status'),"
                           " json_extract(after, '$.status') FROM audit_log WHERE entity = 'bike' AND action = 'bike.status'"
                           " ORDER BY at, id");
  while (changes.step()) {
    const auto found = by_id.find(changes.get_int(0));
    if (found == by_id.end() || changes.is_null(2) || changes.is_null(3)) continue;
    found->second->changes.push_back({changes.get_int(1), changes.get_text(2), changes.get_text(3)});
  }
  return bikes;
}

/// The bike's status at `at`: the last change at or before it, or the status before the first change.
std::string status_at(const fleet_bike& bike, unix_seconds at)
{
  if (bike.changes.empty()) return bike.status;
  std::string status = bike.changes.front().before;
  for (const auto& change : bike.changes) {
    if (change.at > at) break;
    status = change.after;
  }
  return status;
}

double maintenance_days(const fleet_bike& bike, unix_seconds start, unix_seconds end)
{
  unix_seconds in_workshop = 0;
  std::string status = bike.changes.empty() ? bike.status : bike.changes.front().before;
  unix_seconds since = std::max(start, bike.created_at);
  for (const auto& change : bike.changes) {
    const auto at = std::clamp(change.at, since, end);
    if (status == "maintenance") in_workshop += at - since;
    since = at;
    status = change.after;
  }
  if (status == "maintenance" && end > since) in_workshop += end - since;
  return static_cast<double>(in_workshop) / static_cast<double>(seconds_per_day);
}

std::int64_t sum_for_bike(db::connection& db, std::string_view sql, std::int64_t bike_id, unix_seconds start,
                          unix_seconds end)
{
  return db.query_int(sql, bike_id, start, end);
}

void add(fleet_tally& into, const fleet_tally& one)
{
  into.bikes += one.bikes;
  into.bike_days += one.bike_days;
  into.lendable_days += one.lendable_days;
  into.downtime_days += one.downtime_days;
  into.km += one.km;
  into.faults += one.faults;
  into.cost_pence += one.cost_pence;
}

nlohmann::json rounded(double value, int decimals)
{
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

nlohmann::json tally_json(const fleet_tally& tally)
{
  return {{"bikes", tally.bikes},
          {"bike_days", tally.bike_days},
          {"lendable_days", tally.lendable_days},
          {"lendable_share", tally.bike_days == 0 ? nlohmann::json(nullptr)
                                                  : rounded(static_cast<double>(tally.lendable_days) /
                                                                static_cast<double>(tally.bike_days), 3)},
          {"downtime_days", rounded(tally.downtime_days, 2)},
          {"km", rounded(tally.km, 3)},
          {"faults", tally.faults},
          {"km_between_faults", tally.faults == 0 ? nlohmann::json(nullptr) : rounded(tally.km / tally.faults, 3)},
          {"cost_pence", tally.cost_pence},
          {"cost_per_bike_pence", tally.bikes == 0 ? nlohmann::json(nullptr)
                                                   : rounded(static_cast<double>(tally.cost_pence) / tally.bikes, 0)},
          {"cost_per_km_pence", tally.km <= 0 ? nlohmann::json(nullptr)
                                              : rounded(static_cast<double>(tally.cost_pence) / tally.km, 2)}};
}

}  // namespace

void to_json(nlohmann::json& out, const fleet_figures& figures)
{
  auto days = nlohmann::json::array();
  for (const auto& day : figures.days) {
    days.push_back({{"date", day.date},
                    {"bikes", day.bikes},
                    {"lendable", day.lendable},
                    {"lendable_share", day.bikes == 0 ? nlohmann::json(nullptr)
                                                      : rounded(static_cast<double>(day.lendable) / day.bikes, 3)}});
  }
  auto groups = nlohmann::json::array();
  for (const auto& group : figures.groups) {
    auto item = tally_json(group);
    item["site_id"] = group.site_id;
    item["model"] = group.model;
    groups.push_back(std::move(item));
  }
  auto bikes = nlohmann::json::array();
  for (const auto& bike : figures.bikes) {
    auto item = tally_json(bike);
    item["bike_id"] = bike.bike_id;
    item["asset_tag"] = bike.asset_tag;
    item["site_id"] = bike.site_id;
    item["model"] = bike.model;
    bikes.push_back(std::move(item));
  }
  out = {{"from", figures.period.from},
         {"to", figures.period.to},
         {"site_id", figures.period.site_id ? nlohmann::json(*figures.period.site_id) : nlohmann::json(nullptr)},
         {"model", figures.period.model ? nlohmann::json(*figures.period.model) : nlohmann::json(nullptr)},
         {"total", tally_json(figures.total)},
         {"by_day", std::move(days)},
         {"by_site_and_model", std::move(groups)},
         {"by_bike", std::move(bikes)}};
}

outcome<fleet_figures> compute_fleet_figures(db::connection& db, const figures_filter& filter)
{
  const auto span = utc_day_span(filter.from, filter.to);
  if (!span) return span.error();
  const auto start = span->from_ms / 1000;
  const auto end = span->until_ms / 1000;
  const auto day_count = static_cast<int>((end - start) / seconds_per_day);
  if (day_count > max_days) return invalid("to", "a period is at most 366 days");

  fleet_figures figures;
  figures.period = filter;
  for (int d = 0; d < day_count; ++d) figures.days.push_back({utc_date(start + d * seconds_per_day), 0, 0});

  std::map<std::pair<std::int64_t, std::string>, group_figures> groups;
  for (const auto& bike : load_bikes(db, filter, end)) {
    bike_figures mine;
    mine.bike_id = bike.id;
    mine.asset_tag = bike.asset_tag;
    mine.site_id = bike.site_id;
    mine.model = bike.model;
    for (int d = 0; d < day_count; ++d) {
      const auto day_end = start + (d + 1) * seconds_per_day - 1;
      if (bike.created_at > day_end) continue;
      const auto status = status_at(bike, day_end);
      if (status == "retired") continue;
      ++mine.bike_days;
      ++figures.days[static_cast<std::size_t>(d)].bikes;
      if (lendable(status)) {
        ++mine.lendable_days;
        ++figures.days[static_cast<std::size_t>(d)].lendable;
      }
    }
    if (mine.bike_days == 0) continue;
    mine.bikes = 1;
    mine.downtime_days = maintenance_days(bike, start, end);
    mine.km = static_cast<double>(sum_for_bike(db,
                                               "SELECT coalesce(sum(end_odometer_m - start_odometer_m), 0) FROM loans"
                                               " WHERE bike_id = ?1 AND returned_at >= ?2 AND returned_at < ?3"
                                               " AND end_odometer_m IS NOT NULL",
                                               bike.id, start, end)) / 1000.0;
    mine.faults = static_cast<int>(sum_for_bike(
        db, "SELECT count(*) FROM fault_reports WHERE bike_id = ?1 AND reported_at >= ?2 AND reported_at < ?3", bike.id,
        start, end));
    mine.cost_pence = sum_for_bike(
        db,
        "SELECT coalesce(sum(w.supplier_cost_pence + (SELECT coalesce(sum(p.quantity * p.unit_cost_pence), 0)"
        " FROM work_order_parts p WHERE p.work_order_id = w.id)), 0) FROM work_orders w"
        " WHERE w.bike_id = ?1 AND w.reported_at >= ?2 AND w.reported_at < ?3",
        bike.id, start, end);
    auto& group = groups[{bike.site_id, bike.model}];
    group.site_id = bike.site_id;
    group.model = bike.model;
    add(group, mine);
    add(figures.total, mine);
    figures.bikes.push_back(std::move(mine));
  }
  for (auto& [key, group] : groups) figures.groups.push_back(std::move(group));
  return figures;
}

}  // namespace pedalpower::domain
