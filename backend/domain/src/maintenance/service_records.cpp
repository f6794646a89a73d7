#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/components.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

const std::string select_records =
    "SELECT id, kind, bike_id, component_id, work_order_id, odometer_m, cycle_count, notes, done_by, done_at"
    " FROM service_records";

service_record read_record(const db::statement& row)
{
  return {row.get_int(0),          row.get_text(1),          row.get_int(2), row.get_optional_int(3),
          row.get_optional_int(4), row.get_int(5),           row.get_optional_int(6), row.get_text(7),
          row.get_text(8),         row.get_int(9)};
}

std::optional<service_record> last_record(db::connection& db, const std::string& kind, std::int64_t bike_id,
                                          const std::optional<component>& part)
{
  static const std::string for_bike = select_records + " WHERE bike_id = ?1 AND kind = ?2 ORDER BY done_at DESC, id DESC LIMIT 1";
  static const std::string for_part =
      select_records + " WHERE component_id = ?1 AND kind = ?2 ORDER BY done_at DESC, id DESC LIMIT 1";
  auto& row = part ? db.query(for_part, part->id, kind) : db.query(for_bike, bike_id, kind);
  if (!row.step()) return std::nullopt;
  auto found = read_record(row);
  row.reset();
  return found;
}

std::optional<service_schedule> schedule_for(db::connection& db, const std::string& kind, const bike& which)
{
  static const std::string sql =
      "SELECT id FROM service_schedules WHERE kind = ?1 AND (bike_id = ?2 OR model = ?3 OR (bike_id IS NULL AND model IS NULL))"
      " ORDER BY bike_id IS NOT NULL DESC, model IS NOT NULL DESC LIMIT 1";
  auto& row = db.query(sql, kind, which.id, which.model);
  if (!row.step()) return std::nullopt;
  const auto id = row.get_int(0);
  row.reset();
  auto found = find_schedule(db, id);
  if (!found) return std::nullopt;
  return std::move(found).value();
}

unix_seconds bike_created_at(db::connection& db, std::int64_t bike_id)
{
  return db.query_int("SELECT created_at FROM bikes WHERE id = ?1", bike_id);
}

/// Where `kind` stands for the bike, or nothing when it concerns a component the bike does not carry.
std::optional<service_due> assess_kind(db::connection& db, const bike& which, const std::string& kind, unix_seconds now)
{
  const auto schedule = schedule_for(db, kind, which);
  if (!schedule) return std::nullopt;
  const auto target = service_target(kind);
  std::optional<component> part;
  if (target != "bike") {
    part = fitted_component(db, which.id, std::string(target));
    if (!part) return std::nullopt;
  }
  const auto last = last_record(db, kind, which.id, part);
  service_due due;
  due.bike_id = which.id;
  due.asset_tag = which.asset_tag;
  due.site_id = which.site_id;
  due.model = which.model;
  due.kind = kind;
  due.schedule_id = schedule->id;
  due.interval = *schedule;
  if (part) due.component_id = part->id;
  if (last) due.last_done_at = last->done_at;
  const auto since = last ? last->done_at : part ? part->in_service_at : bike_created_at(db, which.id);
  const auto odometer_then = last ? last->odometer_m : part ? which.odometer_m : 0;
  due.since.km = static_cast<double>(std::max<std::int64_t>(0, which.odometer_m - odometer_then)) / 1000.0;
  due.since.days = static_cast<double>(std::max<unix_seconds>(0, now - since)) / static_cast<double>(seconds_per_day);
  if (part && part->cycle_count) {
    const auto cycles_then = last && last->cycle_count ? *last->cycle_count : 0;
    due.since.cycles = std::max<std::int64_t>(0, *part->cycle_count - cycles_then);
  }
  due.state = assess_service(due.interval, due.since);
  return due;
}

std::vector<service_due> assess_bike(db::connection& db, const bike& which, unix_seconds now)
{
  std::vector<service_due> all;
  for (const auto kind : service_kinds) {
    if (auto due = assess_kind(db, which, std::string(kind), now)) all.push_back(std::move(*due));
  }
  return all;
}

nlohmann::json left(const std::optional<std::int64_t>& every, double used, int decimals)
{
  if (!every) return nullptr;
  const double scale = std::pow(10.0, decimals);
  return std::round((static_cast<double>(*every) - used) * scale) / scale;
}

}  // namespace

void to_json(nlohmann::json& out, const service_record& record)
{
  const auto number = [](const std::optional<std::int64_t>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  out = {{"id", record.id},
         {"kind", record.kind},
         {"bike_id", record.bike_id},
         {"component_id", number(record.component_id)},
         {"work_order_id", number(record.work_order_id)},
         {"odometer_m", record.odometer_m},
         {"cycle_count", number(record.cycle_count)},
         {"notes", record.notes},
         {"done_by", record.done_by},
         {"done_at", iso8601(record.done_at)}};
}

void to_json(nlohmann::json& out, const service_due& due)
{
  out = {{"bike_id", due.bike_id},
         {"asset_tag", due.asset_tag},
         {"site_id", due.site_id},
         {"model", due.model},
         {"kind", due.kind},
         {"schedule_id", due.schedule_id},
         {"component_id", due.component_id ? nlohmann::json(*due.component_id) : nlohmann::json(nullptr)},
         {"state", to_string(due.state)},
         {"km_since", std::round(due.since.km * 1000.0) / 1000.0},
         {"days_since", std::round(due.since.days * 10.0) / 10.0},
         {"cycles_since", due.since.cycles ? nlohmann::json(*due.since.cycles) : nlohmann::json(nullptr)},
         {"km_left", left(due.interval.every_km, due.since.km, 3)},
         {"days_left", left(due.interval.every_days, due.since.days, 1)},
         {"cycles_left", due.since.cycles ? left(due.interval.every_cycles, static_cast<double>(*due.since.cycles), 0)
                                          : nlohmann::json(nullptr)},
         {"last_done_at", due.last_done_at ? nlohmann::json(iso8601(*due.last_done_at)) : nlohmann::json(nullptr)}};
}

outcome<service_record> record_service(db::connection& db, const actor& who, unix_seconds now,
                                       const service_input& input)
{
  if (std::find(service_kinds.begin(), service_kinds.end(), input.kind) == service_kinds.end()) {
    return invalid("kind", "the kind must be safety_check, full_service, charger_pat or battery_check");
  }
  const auto notes = trimmed(input.notes);
  if (notes.size() > 2000) return invalid("notes", "notes are at most 2000 characters");
  const auto bike = find_bike(db, input.bike_id);
  if (!bike) return bike.error();
  const auto target = std::string(service_target(input.kind));
  std::optional<component> part;
  if (target == "bike") {
    if (input.component_id) return invalid("component_id", "a " + input.kind + " is done to the bike, not a component");
  } else if (input.component_id) {
    auto named = find_component(db, *input.component_id);
    if (!named || named->kind != target) return invalid("component_id", "there is no such " + target, "unknown_component");
    part = std::move(named).value();
  } else {
    part = fitted_component(db, bike->id, target);
    if (!part) return invalid("component_id", "this bike has no " + target + " fitted; name the " + target);
  }
  db::savepoint unit(db, "record_service");
  service_record record{0,     input.kind, bike->id, part ? std::optional(part->id) : std::nullopt,
                        input.work_order_id, bike->odometer_m, part ? part->cycle_count : std::nullopt,
                        notes, who.label, now};
  db.run("INSERT INTO service_records(kind, bike_id, component_id, work_order_id, odometer_m, cycle_count, notes,"
         " done_by, done_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
         record.kind, record.bike_id, record.component_id, record.work_order_id, record.odometer_m, record.cycle_count,
         record.notes, record.done_by, record.done_at);
  record.id = db.last_insert_rowid();
  record_creation(db, who, now, "service.done", "service_record", record);
  unit.commit();
  return record;
}

std::vector<service_record> service_history(db::connection& db, std::int64_t bike_id)
{
  static const std::string sql = select_records + " WHERE bike_id = ?1 ORDER BY done_at DESC, id DESC";
  auto& rows = db.query(sql, bike_id);
  std::vector<service_record> found;
  while (rows.step()) found.push_back(read_record(rows));
  return found;
}

outcome<std::vector<service_due>> servicing_of_bike(db::connection& db, std::int64_t bike_id, unix_seconds now)
{
  const auto bike = find_bike(db, bike_id);
  if (!bike) return bike.error();
  return assess_bike(db, bike.value(), now);
}

std::vector<service_due> services_due(db::connection& db, std::optional<std::int64_t> site_id, unix_seconds now)
{
  std::vector<service_due> due;
  bike_filter at_site;
  at_site.site_id = site_id;
  for (const auto& which : list_bikes(db, at_site)) {
    if (which.status == bike_status::retired || which.status == bike_status::lost) continue;
    for (auto& one : assess_bike(db, which, now)) {
      if (one.state != service_state::ok) due.push_back(std::move(one));
    }
  }
  return due;
}

}  // namespace pedalpower::domain
