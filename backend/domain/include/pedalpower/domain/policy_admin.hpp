#pragma once

#include <cstdint>
#include <vector>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Publishing pay-band policy versions. A version in force (effective on or before today) is history
/// that loans point at, so it never changes; a version dated in the future may still be replaced or withdrawn.

/// Adds a version from `draft` (its id is ignored). It must take effect today or later, on a date no
/// other version has, with exactly one rule per pay band. Problems: invalid (effective_from,
/// reservation_hold_hours, min_charge_pct, bands[i].<field>, bands), conflict "policy_date_taken".
outcome<policy_version> create_policy_version(db::connection& db, const actor& who, unix_seconds now,
                                              policy_version draft);

/// Replaces a future-dated version with `draft`, keeping its id. Problems as for create, plus
/// not_found "policy_not_found" and conflict "policy_in_force".
outcome<policy_version> replace_policy_version(db::connection& db, const actor& who, unix_seconds now,
                                               std::int64_t id, policy_version draft);

/// Withdraws a future-dated version. Problems: not_found "policy_not_found", conflict "policy_in_force".
outcome<done> delete_policy_version(db::connection& db, const actor& who, unix_seconds now, std::int64_t id);

/// Every version, latest effective date first.
std::vector<policy_version> list_policy_versions(db::connection& db);
/// One page of the versions, newest effective date first unless `wanted` sorts by effective_from,
/// created_at or id. Problems: invalid "sort", "page" or "page_size".
outcome<list_page<policy_version>> list_policy_versions(db::connection& db, const page_request& wanted);

}  // namespace pedalpower::domain
