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

/// Appends one change to the audit log, inside the caller's transaction. `before`/`after` are the
/// entity's state around the change (absent for creations and deletions). Throws db::error.
void record_audit(db::connection& db, const actor& who, std::int64_t at, std::string_view action,
                  std::string_view entity, std::string_view entity_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after);

}  // namespace pedalpower::domain
