#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

struct figures_filter {
  std::string from;  ///< 'YYYY-MM-DD', first day counted
  std::string to;    ///< 'YYYY-MM-DD', last day counted
  std::optional<std::int64_t> site_id;
  std::optional<std::string> model;
};

/// Sums over some bikes and the days of the period.
struct fleet_tally {
  int bikes = 0;
  std::int64_t bike_days = 0;      ///< days each bike was in the fleet (not retired) at the day's end
  std::int64_t lendable_days = 0;  ///< of those, days it ended available, reserved or on loan
  double downtime_days = 0;        ///< time spent in maintenance
  double km = 0;                   ///< ridden on loans returned in the period
  int faults = 0;                  ///< faults reported in the period
  std::int64_t cost_pence = 0;     ///< parts and supplier costs of work orders opened in the period
};

struct fleet_day {
  std::string date;
  int bikes = 0;
  int lendable = 0;
};

struct bike_figures : fleet_tally {
  std::int64_t bike_id = 0;
  std::string asset_tag;
  std::int64_t site_id = 0;
  std::string model;
};

struct group_figures : fleet_tally {
  std::int64_t site_id = 0;
  std::string model;
};

struct fleet_figures {
  figures_filter period;
  std::vector<fleet_day> days;
  std::vector<group_figures> groups;  ///< by site and model
  std::vector<bike_figures> bikes;
  fleet_tally total;
};

void to_json(nlohmann::json& out, const fleet_figures& figures);

/// Lendable share of the fleet by day, downtime per bike, km between faults, cost per bike and per km,
/// by site and model, from bikes' status history in the audit log. A bike counts at its current site.
/// Problems: invalid "from" or "to" (a date, from <= to, at most 366 days).
outcome<fleet_figures> compute_fleet_figures(db::connection& db, const figures_filter& filter);

}  // namespace pedalpower::domain
