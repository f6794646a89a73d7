#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

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
/// the fields that changed are kept, so a log of small edits stays small, and an edit that changed
/// nothing is not written. Throws db::error.
void record_audit(db::connection& db, const actor& who, std::int64_t at, std::string_view action,
                  std::string_view entity, std::string_view entity_id,
                  const std::optional<nlohmann::json>& before, const std::optional<nlohmann::json>& after);

/// A record as the audit log keeps it: its JSON. A record that holds a secret overloads this, beside
/// its type, to keep only whether the secret is set, as the log travels in exports and subject access.
template <typename Record>
nlohmann::json audited(const Record& record)
{
  return nlohmann::json(record);
}

/// Audits a record the caller has just inserted: nothing before, the whole record after.
template <typename Record>
void record_creation(db::connection& db, const actor& who, std::int64_t at, std::string_view action,
                     std::string_view entity, const Record& created)
{
  record_audit(db, who, at, action, entity, std::to_string(created.id), std::nullopt, audited(created));
}

/// Audits an edit of one record: the fields that changed, as they were and as they are.
template <typename Record>
void record_edit(db::connection& db, const actor& who, std::int64_t at, std::string_view action,
                 std::string_view entity, const Record& before, const Record& after)
{
  record_audit(db, who, at, action, entity, std::to_string(before.id), audited(before), audited(after));
}

/// One change as the audit log keeps it.
struct audit_entry {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string actor;
  std::string action;
  std::string entity;
  std::string entity_id;
  nlohmann::json before;  ///< null for a creation
  nlohmann::json after;   ///< null for a deletion
};

/// at as ISO 8601; before and after as the JSON they were recorded as.
void to_json(nlohmann::json& out, const audit_entry& value);

struct audit_filter {
  std::optional<std::string> entity;     ///< "bike", "staff", "device", ...
  std::optional<std::string> entity_id;
  std::optional<std::string> record;     ///< with entity "bike" an asset tag, with "staff" a staff number
  std::optional<std::string> actor;      ///< part of the actor's label, any case
  std::optional<std::string> action;     ///< exactly
  std::optional<std::string> from;       ///< 'YYYY-MM-DD', UTC, included
  std::optional<std::string> to;         ///< 'YYYY-MM-DD', UTC, included
};

/// One page of the entries matching `filter`, newest first unless `wanted` sorts by at or id.
/// Problems: invalid "from" or "to" (not a date), "record" (without entity bike or staff), "sort",
/// "page" or "page_size".
outcome<list_page<audit_entry>> list_audit(db::connection& db, const audit_filter& filter, const page_request& wanted);

}  // namespace pedalpower::domain
