#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"

namespace pedalpower::db {
class connection;
}

namespace pedalpower::domain {

struct audit_change {
  nlohmann::json before;
  nlohmann::json after;
};

/// Of two states of one entity (JSON objects), only the fields that differ, each side with its own
/// values; other values are returned whole.
audit_change changed_fields_only(const nlohmann::json& before, const nlohmann::json& after);

/// Appends one change to the audit log, inside the caller's transaction. `before`/`after` are the
/// entity's state around the change (absent for creations and deletions); when both are given only
/// the fields that changed are kept, so a log of small edits stays small. Throws db::error.
void record_audit(db::connection& db, const actor& who, std::int64_t at, std::string_view action,
                  std::string_view entity, std::string_view entity_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after);

}  // namespace pedalpower::domain
