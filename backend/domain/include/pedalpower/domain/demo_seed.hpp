#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

struct demo_seed_summary {
  int sites = 0;
  int bikes = 0;
  int staff = 0;
  int loans_returned = 0;
  int loans_active = 0;  ///< overdue ones included
  int loans_overdue = 0;
  int fault_reports = 0;
  int trips = 0;  ///< rides of returned loans, kept as trip summaries
  int work_orders = 0;  ///< open and finished, campaigns' included
  int components = 0;   ///< batteries and chargers
};

void to_json(nlohmann::json& out, const demo_seed_summary& value);

inline constexpr std::uint64_t default_demo_seed = 20250101;

/// Fills an empty database with a believable scheme for demonstrations: three Essex hospital sites,
/// about 60 bikes, about 500 staff spread over pay bands as a hospital's workforce is, and a few
/// months of loans ending at `now` (some active, one overdue) with the commutes ridden on them, kept
/// as trip summaries, and a workshop: open and finished work orders, batteries and chargers, services
/// done and due, and an inspection campaign. The same `now` and `seed` always give the same data. Creates no user logins.
/// Problem: conflict "database_not_empty" if any site, bike, staff member or loan exists.
outcome<demo_seed_summary> seed_demo(db::connection& db, unix_seconds now, std::uint64_t seed = default_demo_seed);

}  // namespace pedalpower::domain
