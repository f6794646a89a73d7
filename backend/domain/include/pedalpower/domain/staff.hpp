#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

struct staff_member {
  std::int64_t id = 0;
  std::string staff_number;
  std::string name;
  std::string email;
  std::string pay_band;  ///< canonical: "1".."9", "8a".."8d", "other"
  std::string department;
  std::optional<std::int64_t> home_site_id;
  std::optional<std::string> induction_date;  ///< 'YYYY-MM-DD' of the learn-to-ride / safety briefing
  std::optional<std::string> commute_mode;    ///< previous commute mode, as the emissions estimator names it
  int commute_car_occupancy = 1;
  std::optional<double> commute_distance_km;  ///< one way
  bool active = true;
  std::optional<std::string> badge_id;
};

/// The staff member with this id, or a not_found problem.
outcome<staff_member> find_staff(db::connection& db, std::int64_t id);
/// The staff member with this staff number, or a not_found problem.
outcome<staff_member> find_staff_by_number(db::connection& db, const std::string& staff_number);

/// The record as JSON, pay band included: only serve it to roles that may see pay bands.
void to_json(nlohmann::json& out, const staff_member& value);

/// A staff member as the audit log keeps them: "badge" is "set" or null, never the badge id, which
/// identifies its holder at a kiosk.
nlohmann::json audited(const staff_member& value);

/// Adds a staff member from `draft` (its id is ignored). Problems: invalid fields (422: unknown pay
/// band, email shape, commute mode not in commute_modes, negative distance, induction date malformed
/// or in the future, unknown home site), conflict "staff_number_taken" or "badge_taken".
outcome<staff_member> create_staff(db::connection& db, const actor& who, unix_seconds now, staff_member draft);
/// Replaces every field of staff member `id` with `desired`'s (its id is ignored). Problems as for
/// create_staff, plus not_found "staff_not_found". Staff are deactivated, never deleted; someone
/// deactivated leaves every waiting list (leave_every_waitlist).
outcome<staff_member> update_staff(db::connection& db, const actor& who, unix_seconds now, std::int64_t id,
                                   staff_member desired);

struct staff_filter {
  std::optional<std::string> pay_band;  ///< any spelling normalise_pay_band accepts
  std::optional<std::int64_t> home_site_id;
  std::optional<bool> active;
  std::optional<bool> inducted;       ///< has an induction date
  std::optional<std::string> search;  ///< part of the name or staff number, any case
};

/// One page of the staff matching `filter`, by name unless `wanted` sorts otherwise. Problems:
/// invalid "pay_band", "sort", "page" or "page_size".
outcome<list_page<staff_member>> list_staff(db::connection& db, const staff_filter& filter, const page_request& wanted);

/// How many active staff are on each pay band, in pay_bands order (bands with nobody included):
/// the aggregate that roles without access to individual pay bands may see.
std::vector<std::pair<std::string, std::int64_t>> count_active_staff_by_band(db::connection& db);

}  // namespace pedalpower::domain
