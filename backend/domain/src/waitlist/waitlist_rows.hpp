#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Shared by the waiting-list and reservation code: rows of waitlist_entries, without place or offer,
/// and of reservations.

extern const std::string select_waitlist_entries;  ///< "SELECT <every column> FROM waitlist_entries"

waitlist_entry read_waitlist_entry(const db::statement& row);

std::optional<waitlist_entry> load_waitlist_entry(db::connection& db, std::int64_t entry_id);

/// Moves an entry to `status`, stamping closed_at for the closing statuses, and audits the change
/// as "waitlist.<status>", or as `action` where the cause needs its own name.
void set_waitlist_entry_status(db::connection& db, const actor& who, unix_seconds now, std::int64_t entry_id,
                               const std::string& status, std::string_view action = {});

/// Writes `held` as a new held reservation, sets its id and audits the offer.
void insert_held_reservation(db::connection& db, const actor& who, unix_seconds now, reservation& held);

}  // namespace pedalpower::domain
