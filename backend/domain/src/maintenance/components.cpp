#include "pedalpower/domain/components.hpp"

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/error.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

const std::string select_components =
    "SELECT c.id, c.kind, c.serial, c.model, c.cycle_count, c.health_pct, c.in_service_at, c.updated_at,"
    " (SELECT f.bike_id FROM component_fittings f WHERE f.component_id = c.id AND f.removed_at IS NULL) AS bike_id"
    " FROM components c";

component read_component(const db::statement& row)
{
  component item;
  row.read(item.id, item.kind, item.serial, item.model, item.cycle_count, item.health_pct, item.in_service_at,
           item.updated_at, item.bike_id);
  return item;
}

std::vector<component> read_components(db::statement& rows)
{
  std::vector<component> found;
  while (rows.step()) found.push_back(read_component(rows));
  return found;
}

std::optional<problem> check_measures(const std::optional<std::int64_t>& cycles, const std::optional<std::int64_t>& health)
{
  if (cycles && (*cycles < 0 || *cycles > 100'000)) return invalid("cycle_count", "a cycle count is 0 to 100,000");
  if (health && (*health < 0 || *health > 100)) return invalid("health_pct", "health is 0 to 100 per cent");
  return std::nullopt;
}

/// A bike's battery serial names the battery on it, so that its page, its search and its export
/// follow a battery fitted or taken off here. An edit of the bike, audited as one.
outcome<done> name_battery(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                           std::optional<std::string> serial)
{
  const auto current = find_bike(db, bike_id);
  if (!current) return current.error();
  if (current->battery_serial == serial) return done{};
  bike_details changed = current.value();
  changed.battery_serial = std::move(serial);
  if (auto updated = update_bike(db, who, now, bike_id, std::move(changed)); !updated) return updated.error();
  return done{};
}

outcome<done> take_off(db::connection& db, const actor& who, unix_seconds now, const component& item)
{
  db.run("UPDATE component_fittings SET removed_at = ?2 WHERE component_id = ?1 AND removed_at IS NULL", item.id, now);
  record_audit(db, who, now, "component.remove", "component", std::to_string(item.id),
               nlohmann::json{{"bike_id", item.bike_id ? nlohmann::json(*item.bike_id) : nlohmann::json(nullptr)}},
               nlohmann::json{{"bike_id", nullptr}});
  if (item.kind != "battery" || !item.bike_id) return done{};
  // A serial typed in by hand for another battery stays: only this battery's own is taken away.
  const auto on_bike = find_bike(db, *item.bike_id);
  if (!on_bike || on_bike->battery_serial != item.serial) return done{};
  return name_battery(db, who, now, *item.bike_id, std::nullopt);
}

}  // namespace

void to_json(nlohmann::json& out, const component& item)
{
  out = {{"id", item.id},
         {"kind", item.kind},
         {"serial", item.serial},
         {"model", item.model},
         {"cycle_count", item.cycle_count ? nlohmann::json(*item.cycle_count) : nlohmann::json(nullptr)},
         {"health_pct", item.health_pct ? nlohmann::json(*item.health_pct) : nlohmann::json(nullptr)},
         {"in_service_at", iso8601(item.in_service_at)},
         {"bike_id", item.bike_id ? nlohmann::json(*item.bike_id) : nlohmann::json(nullptr)},
         {"updated_at", iso8601(item.updated_at)}};
  if (!item.detailed) return;
  auto fittings = nlohmann::json::array();
  for (const auto& fitting : item.fittings) {
    fittings.push_back({{"bike_id", fitting.bike_id},
                        {"fitted_at", iso8601(fitting.fitted_at)},
                        {"fitted_by", fitting.fitted_by},
                        {"removed_at", fitting.removed_at ? nlohmann::json(iso8601(*fitting.removed_at))
                                                          : nlohmann::json(nullptr)}});
  }
  out["fittings"] = std::move(fittings);
}

outcome<component> find_component(db::connection& db, std::int64_t id)
{
  static const std::string sql = select_components + " WHERE c.id = ?1";
  auto found = read_components(db.query(sql, id));
  if (found.empty()) return not_found("component_not_found", "there is no component " + std::to_string(id));
  auto item = std::move(found.front());
  item.detailed = true;
  auto& rows = db.query("SELECT bike_id, fitted_at, fitted_by, removed_at FROM component_fittings"
                        " WHERE component_id = ?1 ORDER BY fitted_at, id",
                        id);
  while (rows.step()) {
    item.fittings.push_back({rows.get_int(0), rows.get_int(1), rows.get_text(2), rows.get_optional_int(3)});
  }
  return item;
}

std::vector<component> list_components(db::connection& db, const component_filter& filter)
{
  static const std::string sql =
      "SELECT * FROM (" + select_components +
      ") WHERE (?1 IS NULL OR kind = ?1) AND (?2 IS NULL OR bike_id = ?2) AND (?3 IS NULL OR instr(upper(serial), upper(?3)) > 0)"
      " ORDER BY kind, serial";
  return read_components(db.query(sql, filter.kind, filter.bike_id, filter.serial_contains));
}

std::optional<component> fitted_component(db::connection& db, std::int64_t bike_id, const std::string& kind)
{
  const auto fitted = list_components(db, {kind, bike_id, std::nullopt});
  if (fitted.empty()) return std::nullopt;
  return fitted.front();
}

outcome<component> create_component(db::connection& db, const actor& who, unix_seconds now, component_input input)
{
  if (input.kind != "battery" && input.kind != "charger") return invalid("kind", "a component is a battery or a charger");
  input.serial = trimmed(input.serial);
  input.model = trimmed(input.model);
  if (input.serial.empty() || input.serial.size() > 60 || !is_visible_ascii(input.serial)) {
    return invalid("serial", "a serial is 1 to 60 letters, digits or symbols without spaces");
  }
  if (input.model.size() > 60) return invalid("model", "a model is at most 60 characters");
  if (auto broken = check_measures(input.cycle_count, input.health_pct)) return *broken;
  db::savepoint unit(db, "create_component");
  try {
    db.run("INSERT INTO components(kind, serial, model, cycle_count, health_pct, in_service_at, created_at, updated_at)"
           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6)",
           input.kind, input.serial, input.model, input.cycle_count, input.health_pct, now);
  } catch (const db::constraint_error&) {
    return conflict("serial_taken", "another " + input.kind + " already has the serial " + input.serial, "serial");
  }
  const auto id = db.last_insert_rowid();
  record_creation(db, who, now, "component.create", "component", find_component(db, id).value());
  if (input.bike_id) {
    if (auto fitted = fit_component(db, who, now, id, *input.bike_id); !fitted) return fitted.error();
  }
  unit.commit();
  return find_component(db, id);
}

outcome<component> update_component(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                     const component_changes& changes)
{
  const auto before = find_component(db, id);
  if (!before) return before;
  if (changes.model && trimmed(*changes.model).size() > 60) return invalid("model", "a model is at most 60 characters");
  if (auto broken = check_measures(changes.cycle_count, changes.health_pct)) return *broken;
  if (changes.cycle_count && before->cycle_count && *changes.cycle_count < *before->cycle_count) {
    return conflict("cycle_count_would_decrease",
                    "the battery has done " + std::to_string(*before->cycle_count) + " cycles and never goes back",
                    "cycle_count");
  }
  db::savepoint unit(db, "update_component");
  db.run("UPDATE components SET model = coalesce(?2, model), cycle_count = coalesce(?3, cycle_count),"
         " health_pct = coalesce(?4, health_pct), updated_at = ?5 WHERE id = ?1",
         id, changes.model ? std::optional(trimmed(*changes.model)) : std::nullopt, changes.cycle_count,
         changes.health_pct, now);
  auto after = find_component(db, id);
  record_edit(db, who, now, "component.update", "component", before.value(), after.value());
  unit.commit();
  return after;
}

outcome<component> fit_component(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                 std::int64_t bike_id)
{
  const auto item = find_component(db, id);
  if (!item) return item;
  const auto bike = find_bike(db, bike_id);
  if (!bike) return invalid("bike_id", "there is no such bike", "unknown_bike");
  if (bike->status == bike_status::retired) return conflict("bike_retired", "this bike has left the fleet", "bike_id");
  if (item->bike_id == bike_id) return conflict("already_fitted", "this component is already on that bike", "bike_id");
  db::savepoint unit(db, "fit_component");
  if (item->bike_id) {
    if (auto off = take_off(db, who, now, item.value()); !off) return off.error();
  }
  if (const auto replaced = fitted_component(db, bike_id, item->kind)) {
    if (auto off = take_off(db, who, now, *replaced); !off) return off.error();
  }
  db.run("INSERT INTO component_fittings(component_id, bike_id, fitted_at, fitted_by) VALUES (?1, ?2, ?3, ?4)", id,
         bike_id, now, who.label);
  if (item->kind == "battery") {
    if (auto named = name_battery(db, who, now, bike_id, item->serial); !named) return named.error();
  }
  db.run("UPDATE components SET updated_at = ?2 WHERE id = ?1", id, now);
  record_audit(db, who, now, "component.fit", "component", std::to_string(id),
               nlohmann::json{{"bike_id", item->bike_id ? nlohmann::json(*item->bike_id) : nlohmann::json(nullptr)}},
               nlohmann::json{{"bike_id", bike_id}});
  unit.commit();
  return find_component(db, id);
}

outcome<component> remove_component(db::connection& db, const actor& who, unix_seconds now, std::int64_t id)
{
  const auto item = find_component(db, id);
  if (!item) return item;
  if (!item->bike_id) return conflict("not_fitted", "this component is not fitted to any bike");
  db::savepoint unit(db, "remove_component");
  if (auto off = take_off(db, who, now, item.value()); !off) return off.error();
  db.run("UPDATE components SET updated_at = ?2 WHERE id = ?1", id, now);
  unit.commit();
  return find_component(db, id);
}

}  // namespace pedalpower::domain
