#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/site_scope.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {
struct fault_input;
}

namespace pedalpower::api {

struct request;

namespace auth {
class access;
}

// Reading the inputs of the loan, waiting-list and kiosk routes. Each throws api::error.

/// Query parameter `name` as a positive id; nullopt when absent; 422 when it is not one.
std::optional<std::int64_t> query_id(const request& req, std::string_view name);
/// Query parameter `name` as a whole number from `min` to `max`; nullopt when absent; 422 otherwise.
std::optional<int> query_number(const request& req, std::string_view name, int min, int max);
/// Query parameter `name` as a finite decimal number; nullopt when absent; 422 naming it otherwise.
std::optional<double> query_decimal(const request& req, std::string_view name, std::string_view what);

/// A JSON array of strings at `field`; empty when absent; 422 otherwise.
std::vector<std::string> string_list(const nlohmann::json& body, std::string_view field);

/// A fault as reported at a return or on its own: category, an optional note, and whether the reporter
/// judges the bike unsafe; 422 when `fault` is not an object.
domain::fault_input read_fault(const nlohmann::json& fault);

/// The staff member a request acts for, and at a kiosk how they were identified. At a kiosk, the one
/// identified there (X-Staff-Token, or the X-Staff-Proof of an offline action), with `named` absent
/// or the same person (403), and 401 when nobody is identified: a kiosk's own token never vouches
/// for a person. Anyone else must name the person (422).
struct acting_for {
  std::int64_t staff_id;
  std::optional<std::string> kiosk_checked;  ///< set at a kiosk: what proved who they are

  /// The person a kiosk acts for, whose Idempotency-Keys are their own (app::write_for); nullopt elsewhere.
  std::optional<std::int64_t> at_kiosk() const { return kiosk_checked ? std::optional(staff_id) : std::nullopt; }
};
acting_for acting_staff(const request& req, const auth::access& identity, std::optional<std::int64_t> named);

/// Where the caller may act: a kiosk at the site it stands at, anyone else anywhere; 403 for a kiosk
/// registered at no site.
domain::site_scope site_scope_of(const request& req);

/// Who the audit log names: a kiosk acting for a staff member names both and what proved it was
/// them ("device:2:kiosk-bas/staff:S12345/pin"); anyone else as they are.
domain::actor acting_actor(db::connection& db, const domain::actor& caller, const acting_for& person);

}  // namespace pedalpower::api
