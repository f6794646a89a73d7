#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/domain/listing.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Raw positions come in pages of this many: a month of a tracker's fixes is far too many for one answer.
inline constexpr int subject_access_positions_page_size = max_page_size;

/// Everything the scheme holds about staff member `staff_id`, as one document for them: "about"
/// (what the document is), "staff_id", "made_at" and "parts", each part {"explanation", "data"}:
/// staff, loans (with accessories), waitlist_entries, reservations, trips (summaries, no
/// coordinates), privacy_zone, kiosk_identifications, pin_lockouts, outbox, kiosk_exceptions, audit.
/// Raw positions are only counted here ("positions": {"explanation", "total", "pages", "page_size"}):
/// they are read a page at a time with subject_access_positions. Secrets (PIN hash, proofs) are
/// never included. Problems: not_found "staff_not_found". Throws db::error.
outcome<nlohmann::json> subject_access_record(db::connection& db, std::int64_t staff_id, unix_seconds now);

/// One page of the raw positions still held from the bikes `staff_id` borrowed, while they had
/// them, oldest first: {"loan_id", "bike_id", "time", "lat", "lon", "accuracy_m", "battery_pct",
/// "from_gpx"}. Problems: not_found "staff_not_found"; invalid "page" or "page_size" (1 to
/// subject_access_positions_page_size). Throws db::error.
outcome<list_page<nlohmann::json>> subject_access_positions(db::connection& db, std::int64_t staff_id,
                                                           const page_request& wanted);

/// Which audit rows are about a staff member: their own record, their loans, waiting-list entries,
/// reservations and kiosk exceptions, and whatever a kiosk did on their behalf. A SQL condition on
/// audit_log columns taking ?1 = the staff id as text, ?2 = the staff id, ?3 = the actor label part
/// "/staff:<number>/"; shared by the subject access export and erasure so both see the same rows.
extern const char* const audit_rows_about_staff;

/// The part of an actor label a kiosk adds when it acts for this person.
std::string kiosk_actor_part(const std::string& staff_number);

}  // namespace pedalpower::domain
