#pragma once

#include <optional>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Tidies `candidate` in place (trims text, canonical pay band) and returns the first rule it breaks,
/// uniqueness of the staff number and badge aside. Shared by the staff forms and the CSV import.
std::optional<problem> check_staff_fields(db::connection& db, unix_seconds now, staff_member& candidate);

/// A conflict if another staff member than `own_id` has this staff number or badge.
std::optional<problem> check_staff_unique(db::connection& db, const staff_member& candidate, std::int64_t own_id);

/// Inserts `candidate` (already checked) and audits it; returns its new id.
std::int64_t insert_staff(db::connection& db, const actor& who, unix_seconds now, const staff_member& candidate);

/// Writes `after` over `before` (both for the same id, `after` already checked) and audits the change.
void overwrite_staff(db::connection& db, const actor& who, unix_seconds now, const staff_member& before,
                     const staff_member& after);

/// Takes someone the change marks as having left off every waiting list. Called once every record
/// of a batch is written, so a bike one leaver held is never passed to another leaver of the batch.
void leave_waitlists_on_leaving(db::connection& db, const actor& who, unix_seconds now, const staff_member& before,
                                const staff_member& after);

}  // namespace pedalpower::domain
