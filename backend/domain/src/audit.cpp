#include "pedalpower/domain/audit.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::domain {

void record_audit(db::connection& db, const actor& who, std::int64_t at, std::string_view action,
                  std::string_view entity, std::string_view entity_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after)
{
  const auto dump = [](const std::optional<nlohmann::json>& state) -> std::optional<std::string> {
    if (!state) return std::nullopt;
    return state->dump();
  };
  db.run("INSERT INTO audit_log(at, actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
         at, who.label, action, entity, entity_id, dump(before), dump(after));
}

}  // namespace pedalpower::domain
