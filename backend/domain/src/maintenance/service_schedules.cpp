#include <algorithm>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

const std::string select_schedules =
    "SELECT id, kind, model, bike_id, every_km, every_days, every_cycles, due_soon_km, due_soon_days,"
    " due_soon_cycles, updated_at FROM service_schedules";

constexpr std::int64_t max_interval = 1'000'000;

service_schedule read_schedule(const db::statement& row)
{
  service_schedule schedule;
  row.read(schedule.id, schedule.kind, schedule.model, schedule.bike_id, schedule.every_km, schedule.every_days,
           schedule.every_cycles, schedule.due_soon_km, schedule.due_soon_days, schedule.due_soon_cycles,
           schedule.updated_at);
  return schedule;
}

std::optional<problem> check_every(const std::optional<std::int64_t>& every, std::int64_t soon, const std::string& unit)
{
  if (every && (*every < 1 || *every > max_interval)) {
    return invalid("every_" + unit, "every_" + unit + " is 1 to 1,000,000 or null");
  }
  if (soon < 0 || soon > max_interval || (every && soon >= *every)) {
    return invalid("due_soon_" + unit, "due_soon_" + unit + " is 0 or more and less than every_" + unit);
  }
  return std::nullopt;
}

std::optional<problem> check_interval(const service_interval& interval)
{
  if (auto broken = check_every(interval.every_km, interval.due_soon_km, "km")) return broken;
  if (auto broken = check_every(interval.every_days, interval.due_soon_days, "days")) return broken;
  if (auto broken = check_every(interval.every_cycles, interval.due_soon_cycles, "cycles")) return broken;
  if (!interval.every_km && !interval.every_days && !interval.every_cycles) {
    return invalid("every_days", "a schedule needs at least one of every_km, every_days and every_cycles");
  }
  return std::nullopt;
}

}  // namespace

std::string_view service_target(std::string_view kind)
{
  if (kind == "charger_pat") return "charger";
  if (kind == "battery_check") return "battery";
  return "bike";
}

std::string_view to_string(service_state state)
{
  switch (state) {
    case service_state::ok: return "ok";
    case service_state::due_soon: return "due_soon";
    case service_state::due: return "due";
  }
  return "ok";
}

service_state assess_service(const service_interval& interval, const service_usage& usage)
{
  const auto reached = [](const std::optional<std::int64_t>& every, double used, std::int64_t margin) {
    return every && used >= static_cast<double>(*every - margin);
  };
  const double cycles = usage.cycles ? static_cast<double>(*usage.cycles) : 0.0;
  const bool cycles_known = usage.cycles.has_value();
  if (reached(interval.every_km, usage.km, 0) || reached(interval.every_days, usage.days, 0) ||
      (cycles_known && reached(interval.every_cycles, cycles, 0))) {
    return service_state::due;
  }
  if (reached(interval.every_km, usage.km, interval.due_soon_km) ||
      reached(interval.every_days, usage.days, interval.due_soon_days) ||
      (cycles_known && reached(interval.every_cycles, cycles, interval.due_soon_cycles))) {
    return service_state::due_soon;
  }
  return service_state::ok;
}

void to_json(nlohmann::json& out, const service_schedule& schedule)
{
  const auto number = [](const std::optional<std::int64_t>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  out = {{"id", schedule.id},
         {"kind", schedule.kind},
         {"applies_to", service_target(schedule.kind)},
         {"scope", schedule.bike_id ? "bike" : schedule.model ? "model" : "fleet"},
         {"model", schedule.model ? nlohmann::json(*schedule.model) : nlohmann::json(nullptr)},
         {"bike_id", number(schedule.bike_id)},
         {"every_km", number(schedule.every_km)},
         {"every_days", number(schedule.every_days)},
         {"every_cycles", number(schedule.every_cycles)},
         {"due_soon_km", schedule.due_soon_km},
         {"due_soon_days", schedule.due_soon_days},
         {"due_soon_cycles", schedule.due_soon_cycles},
         // The schedules the scheme ships with were never changed by anyone.
         {"updated_at",
          schedule.updated_at == 0 ? nlohmann::json(nullptr) : nlohmann::json(iso8601(schedule.updated_at))}};
}

outcome<service_schedule> find_schedule(db::connection& db, std::int64_t id)
{
  static const std::string sql = select_schedules + " WHERE id = ?1";
  auto& row = db.query(sql, id);
  if (!row.step()) return not_found("schedule_not_found", "there is no service schedule " + std::to_string(id));
  auto schedule = read_schedule(row);
  row.reset();
  return schedule;
}

std::vector<service_schedule> list_schedules(db::connection& db, const schedule_filter& filter)
{
  static const std::string sql = select_schedules +
                                 " WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR model = ?2)"
                                 " AND (?3 IS NULL OR bike_id = ?3) ORDER BY kind, bike_id IS NOT NULL, model IS NOT NULL, model, bike_id";
  auto& rows = db.query(sql, filter.kind, filter.model, filter.bike_id);
  std::vector<service_schedule> found;
  while (rows.step()) found.push_back(read_schedule(rows));
  return found;
}

outcome<service_schedule> create_schedule(db::connection& db, const actor& who, unix_seconds now,
                                          service_schedule schedule)
{
  if (std::find(service_kinds.begin(), service_kinds.end(), schedule.kind) == service_kinds.end()) {
    return invalid("kind", "the kind must be safety_check, full_service, charger_pat or battery_check");
  }
  if (schedule.model) {
    schedule.model = trimmed(*schedule.model);
    if (schedule.model->empty() || schedule.model->size() > 60) return invalid("model", "a model is 1 to 60 characters");
  }
  if (schedule.model && schedule.bike_id) return invalid("bike_id", "a schedule is for a model or for a bike, not both");
  if (!schedule.model && !schedule.bike_id) {
    return invalid("model", "name the model or the bike the schedule is for; the fleet defaults are edited in place");
  }
  if (schedule.bike_id && !find_bike(db, *schedule.bike_id)) return invalid("bike_id", "there is no such bike", "unknown_bike");
  if (auto broken = check_interval(schedule)) return *broken;
  db::savepoint unit(db, "create_schedule");
  try {
    db.run("INSERT INTO service_schedules(kind, model, bike_id, every_km, every_days, every_cycles, due_soon_km,"
           " due_soon_days, due_soon_cycles, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
           schedule.kind, schedule.model, schedule.bike_id, schedule.every_km, schedule.every_days, schedule.every_cycles,
           schedule.due_soon_km, schedule.due_soon_days, schedule.due_soon_cycles, now);
  } catch (const db::constraint_error&) {
    return conflict("schedule_exists", "this kind of service already has a schedule for that " +
                                           std::string(schedule.bike_id ? "bike" : "model"),
                    "kind");
  }
  schedule.id = db.last_insert_rowid();
  schedule.updated_at = now;
  record_creation(db, who, now, "schedule.create", "service_schedule", schedule);
  unit.commit();
  return schedule;
}

outcome<service_schedule> update_schedule(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                          const service_interval& interval)
{
  const auto before = find_schedule(db, id);
  if (!before) return before;
  if (auto broken = check_interval(interval)) return *broken;
  service_schedule after = before.value();
  static_cast<service_interval&>(after) = interval;
  after.updated_at = now;
  db::savepoint unit(db, "update_schedule");
  db.run("UPDATE service_schedules SET every_km = ?2, every_days = ?3, every_cycles = ?4, due_soon_km = ?5,"
         " due_soon_days = ?6, due_soon_cycles = ?7, updated_at = ?8 WHERE id = ?1",
         id, after.every_km, after.every_days, after.every_cycles, after.due_soon_km, after.due_soon_days,
         after.due_soon_cycles, now);
  record_edit(db, who, now, "schedule.update", "service_schedule", before.value(), after);
  unit.commit();
  return after;
}

outcome<done> delete_schedule(db::connection& db, const actor& who, unix_seconds now, std::int64_t id)
{
  const auto before = find_schedule(db, id);
  if (!before) return before.error();
  if (!before->model && !before->bike_id) {
    return refused("fleet_default_kept", "the fleet default schedules are changed, never deleted");
  }
  db::savepoint unit(db, "delete_schedule");
  db.run("DELETE FROM service_schedules WHERE id = ?1", id);
  record_audit(db, who, now, "schedule.delete", "service_schedule", std::to_string(id), nlohmann::json(before.value()),
               std::nullopt);
  unit.commit();
  return done{};
}

}  // namespace pedalpower::domain
