#pragma once

#include <cstdint>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What an erasure removed or rewrote, as counts only.
struct erasure_summary {
  std::int64_t staff_id = 0;
  std::int64_t loans_kept = 0;            ///< still counted in the totals, linked to the erased record
  std::int64_t trips_summarised = 0;      ///< positions reduced to trip summaries first
  std::int64_t positions_deleted = 0;
  std::int64_t waitlist_entries_deleted = 0;
  std::int64_t reservations_deleted = 0;
  std::int64_t kiosk_identifications_deleted = 0;
  std::int64_t outbox_messages_deleted = 0;
  std::int64_t audit_entries_redacted = 0;
  std::string erased_at;                  ///< ISO 8601
};

void to_json(nlohmann::json& out, const erasure_summary& value);

/// Erases staff member `staff_id`, who has left: everything that names or locates them goes (name,
/// staff number, email, department, badge, PIN and kiosk proofs, privacy zone, raw positions,
/// waiting-list entries and reservations, messages to them, their name and number in audit rows,
/// digests and labels of what kiosks did for them) while their loans and trips stay, linked to the
/// stripped record with its pay band, site and previous commute, so the scheme's totals by month,
/// site and band are unchanged. Positions are first reduced to trip summaries. Call inside a
/// transaction; audited with counts only.
/// Problems: not_found "staff_not_found"; conflict "staff_already_erased", "staff_still_active"
/// (deactivate them first), "staff_has_loan" (a bike still out), "staff_has_reservation" (a bike held).
outcome<erasure_summary> erase_staff(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id);

}  // namespace pedalpower::domain
