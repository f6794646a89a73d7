#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

inline constexpr std::array<std::string_view, 4> kiosk_action_kinds{"checkout", "return", "waitlist_join",
                                                                    "waitlist_leave"};

/// An action a kiosk confirmed while offline that the backend refused on replay, kept for coordinators.
struct kiosk_exception {
  std::int64_t id = 0;
  std::int64_t device_id = 0;
  std::string idempotency_key;  ///< the refused action's own key at the kiosk
  std::string kind;             ///< one of kiosk_action_kinds
  std::string bike_tag;
  std::optional<std::int64_t> staff_id;
  unix_seconds recorded_at = 0;  ///< when the kiosk took the action
  nlohmann::json payload;        ///< the action as the kiosk sent it
  nlohmann::json refusal;        ///< the backend's answer on replay
  unix_seconds reported_at = 0;
  std::string status;  ///< open, resolved
  std::optional<unix_seconds> resolved_at;
  std::optional<std::string> resolved_by;
  std::string resolution_note;
};

void to_json(nlohmann::json& out, const kiosk_exception& value);

struct kiosk_exception_report {
  std::string idempotency_key;
  std::string kind;
  std::string bike_tag;
  std::optional<std::int64_t> staff_id;
  unix_seconds recorded_at = 0;
  nlohmann::json payload = nlohmann::json::object();
  nlohmann::json refusal = nlohmann::json::object();
};

/// Records a kiosk's refused action. Reporting the same key from the same kiosk again answers the
/// first record and changes nothing. Problems: invalid fields (kind, key, recorded_at). Audited.
outcome<kiosk_exception> record_kiosk_exception(db::connection& db, const actor& who, unix_seconds now,
                                                std::int64_t device_id, const kiosk_exception_report& report);

/// Exceptions with `status` (every one when absent), oldest first.
struct kiosk_exception_filter {
  std::optional<std::string> status;  ///< open, resolved
  std::optional<std::string> kind;
  std::optional<std::int64_t> device_id;
};

/// One page of the exceptions matching `filter`, oldest report first unless `wanted` sorts by
/// reported_at, recorded_at, kind, status or id. Problems: invalid "sort", "page" or "page_size".
outcome<list_page<kiosk_exception>> list_kiosk_exceptions(db::connection& db, const kiosk_exception_filter& filter,
                                                          const page_request& wanted);

/// The exception with this id, or not_found "kiosk_exception_not_found".
outcome<kiosk_exception> find_kiosk_exception(db::connection& db, std::int64_t id);

/// Closes an open exception with the coordinator's note. Problems: not_found "kiosk_exception_not_found",
/// conflict "already_resolved". Audited.
outcome<kiosk_exception> resolve_kiosk_exception(db::connection& db, const actor& who, unix_seconds now,
                                                 std::int64_t id, const std::string& note);

}  // namespace pedalpower::domain
