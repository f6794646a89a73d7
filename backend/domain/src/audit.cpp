#include "pedalpower/domain/audit.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {
namespace {

std::optional<std::string> dumped(const std::optional<nlohmann::json>& state)
{
  if (!state) return std::nullopt;
  return state->dump();
}

}  // namespace

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
    kept_before = std::move(change.before);
    kept_after = std::move(change.after);
  }
  db.run("INSERT INTO audit_log(at, actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
         at, who.label, action, entity, entity_id, dumped(kept_before), dumped(kept_after));
}

}  // namespace pedalpower::domain
