#include "pedalpower/domain/audit.hpp"

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "telematics/utc_day_span.hpp"

namespace pedalpower::domain {
namespace {

// Written by record_audit from JSON; read back leniently so one odd row cannot hide the log.
nlohmann::json state_json(const std::optional<std::string>& text)
{
  if (!text) return nullptr;
  auto parsed = nlohmann::json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(*text) : parsed;
}

std::optional<std::string> dumped(const std::optional<nlohmann::json>& state)
{
  if (!state) return std::nullopt;
  return state->dump();
}

/// The statement that finds the id of a record by the name people know it by (a bike's asset tag, a
/// staff number), or empty for an entity that has none.
std::string_view id_by_name_sql(std::string_view entity)
{
  if (entity == "bike") return "SELECT id FROM bikes WHERE asset_tag = ?1";
  if (entity == "staff") return "SELECT id FROM staff WHERE staff_number = ?1";
  return {};
}

}  // namespace

void to_json(nlohmann::json& out, const audit_entry& value)
{
  out = {{"id", value.id},         {"at", iso8601(value.at)},         {"actor", value.actor},
         {"action", value.action}, {"entity", value.entity},          {"entity_id", value.entity_id},
         {"before", value.before}, {"after", value.after}};
}

outcome<list_page<audit_entry>> list_audit(db::connection& db, const audit_filter& filter, const page_request& wanted)
{
  static constexpr std::array<sort_key, 2> keys{{{"at", "at"}, {"id", "id"}}};
  // Only the filters given go into the SQL, so a read by entity uses the (entity, entity_id) index.
  list_query query{"SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log"};
  query.where_if(filter.entity, "entity = ?");
  query.where_if(filter.entity_id, "entity_id = ?");
  if (filter.record) {
    const auto sql = filter.entity ? id_by_name_sql(*filter.entity) : std::string_view{};
    if (sql.empty()) {
      return invalid("record",
                     "an asset tag or staff number needs the kind of record it names: a bike or a staff member");
    }
    // Names are stored tidied and in upper case; an unknown one matches no entry.
    auto& found = db.query(sql, upper_case(trimmed(*filter.record)));
    const auto id = found.step() ? std::to_string(found.get_int(0)) : std::string();
    found.reset();
    query.where("entity_id = ?", {id});
  }
  if (filter.actor) query.where("actor LIKE ? ESCAPE '\\'", {like_pattern(*filter.actor)});
  query.where_if(filter.action, "action = ?");
  if (filter.from) {
    const auto day = utc_day_span(*filter.from, *filter.from);
    if (!day) return invalid("from", "from is a date, YYYY-MM-DD");
    query.where("at >= ?", {day->from_ms / 1000});
  }
  if (filter.to) {
    const auto day = utc_day_span(*filter.to, *filter.to);
    if (!day) return invalid("to", "to is a date, YYYY-MM-DD");
    query.where("at < ?", {day->until_ms / 1000});
  }
  return fetch_page<audit_entry>(db, query, wanted, keys, "id DESC", [](db::statement& rows) {
    std::vector<audit_entry> entries;
    while (rows.step()) {
      entries.push_back({rows.get_int(0), rows.get_int(1), rows.get_text(2), rows.get_text(3), rows.get_text(4),
                         rows.get_text(5), state_json(rows.get_optional_text(6)), state_json(rows.get_optional_text(7))});
    }
    return entries;
  });
}

audit_change changed_fields_only(const nlohmann::json& before, const nlohmann::json& after)
{
  if (!before.is_object() || !after.is_object()) return {before, after};
  audit_change change{nlohmann::json::object(), nlohmann::json::object()};
  for (const auto& [field, value] : before.items()) {
    const auto now = after.find(field);
    if (now == after.end() || *now != value) change.before[field] = value;
  }
  for (const auto& [field, value] : after.items()) {
    const auto was = before.find(field);
    if (was == before.end() || *was != value) change.after[field] = value;
  }
  return change;
}

void record_audit(db::connection& db, const actor& who, std::int64_t at, std::string_view action,
                  std::string_view entity, std::string_view entity_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after)
{
  std::optional<nlohmann::json> kept_before = before;
  std::optional<nlohmann::json> kept_after = after;
  if (before && after) {
    auto change = changed_fields_only(*before, *after);
    // A change that changed nothing (an edit saved as it was) is no event.
    if (change.before.empty() && change.after.empty()) return;
    kept_before = std::move(change.before);
    kept_after = std::move(change.after);
  }
  db.run("INSERT INTO audit_log(at, actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
         at, who.label, action, entity, entity_id, dumped(kept_before), dumped(kept_after));
}

}  // namespace pedalpower::domain
