#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

inline constexpr std::array<std::string_view, 4> service_kinds{"safety_check", "full_service", "charger_pat",
                                                               "battery_check"};

/// What a kind of service is done to: the bike, its charger or its battery.
std::string_view service_target(std::string_view kind);

/// Every N km, N days or N charge cycles, whichever comes first, with a due-soon window before each.
struct service_interval {
  std::optional<std::int64_t> every_km;
  std::optional<std::int64_t> every_days;
  std::optional<std::int64_t> every_cycles;
  std::int64_t due_soon_km = 0;
  std::int64_t due_soon_days = 0;
  std::int64_t due_soon_cycles = 0;
};

struct service_schedule : service_interval {
  std::int64_t id = 0;
  std::string kind;
  std::optional<std::string> model;    ///< for every bike of this model
  std::optional<std::int64_t> bike_id;  ///< for this bike only; neither: the fleet default
  unix_seconds updated_at = 0;
};

void to_json(nlohmann::json& out, const service_schedule& schedule);

/// How far along the count is since the service was last done (or since the bike or component came
/// into service).
struct service_usage {
  double km = 0;
  double days = 0;
  std::optional<std::int64_t> cycles;  ///< a battery's charge cycles, where known
};

enum class service_state { ok, due_soon, due };
std::string_view to_string(service_state state);

/// Due when any measure reaches its interval, due soon when any is inside its window: whichever first.
service_state assess_service(const service_interval& interval, const service_usage& usage);

struct schedule_filter {
  std::optional<std::string> kind;
  std::optional<std::string> model;
  std::optional<std::int64_t> bike_id;
};

/// A new schedule for a model or a bike (never a second fleet default). Problems: invalid fields,
/// conflict "schedule_exists" when that kind already has a schedule for the same model or bike.
outcome<service_schedule> create_schedule(db::connection& db, const actor& who, unix_seconds now,
                                          service_schedule schedule);
/// Replaces a schedule's interval (kind and scope stay). Same problems as create_schedule.
outcome<service_schedule> update_schedule(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                          const service_interval& interval);
/// Deletes a model's or bike's schedule; the fleet defaults are refused ("fleet_default_kept").
outcome<done> delete_schedule(db::connection& db, const actor& who, unix_seconds now, std::int64_t id);
outcome<service_schedule> find_schedule(db::connection& db, std::int64_t id);
std::vector<service_schedule> list_schedules(db::connection& db, const schedule_filter& filter);

struct service_record {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t bike_id = 0;
  std::optional<std::int64_t> component_id;
  std::optional<std::int64_t> work_order_id;
  std::int64_t odometer_m = 0;
  std::optional<std::int64_t> cycle_count;
  std::string notes;
  std::string done_by;
  unix_seconds done_at = 0;
};

void to_json(nlohmann::json& out, const service_record& record);

struct service_input {
  std::string kind;
  std::int64_t bike_id = 0;
  std::optional<std::int64_t> component_id;  ///< the charger or battery serviced; default: the one fitted
  std::optional<std::int64_t> work_order_id;
  std::string notes;
};

/// Records a service done now, at the bike's odometer and the component's cycle count: it restarts the
/// count for that kind. A charger or battery service needs such a component fitted to the bike or named
/// (invalid "component_id"). Problems: invalid fields, not_found bike. Audited.
outcome<service_record> record_service(db::connection& db, const actor& who, unix_seconds now,
                                       const service_input& input);
/// A bike's services, newest first.
std::vector<service_record> service_history(db::connection& db, std::int64_t bike_id);

/// Where one schedule stands for one bike (and the component it concerns).
struct service_due {
  std::int64_t bike_id = 0;
  std::string asset_tag;
  std::int64_t site_id = 0;
  std::string model;
  std::string kind;
  std::int64_t schedule_id = 0;
  service_interval interval;
  std::optional<std::int64_t> component_id;
  service_state state = service_state::ok;
  service_usage since;
  std::optional<unix_seconds> last_done_at;
};

void to_json(nlohmann::json& out, const service_due& due);

/// Every schedule that applies to the bike, as of `now`. not_found for an unknown bike.
outcome<std::vector<service_due>> servicing_of_bike(db::connection& db, std::int64_t bike_id, unix_seconds now);
/// The services due or due soon on bikes still in the fleet, at `site_id` or everywhere.
std::vector<service_due> services_due(db::connection& db, std::optional<std::int64_t> site_id, unix_seconds now);

}  // namespace pedalpower::domain
