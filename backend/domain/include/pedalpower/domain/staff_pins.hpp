#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/clock.hpp"
#include "pedalpower/domain/outcome.hpp"
#include "pedalpower/domain/staff.hpp"

namespace pedalpower::db {
class connection;
}

namespace pedalpower::domain {

// A staff member identifies at a kiosk with their staff number and a PIN, or with their badge.
// PINs are short, so the lockout, not the hash, is what stops guessing.

inline constexpr int pin_failures_before_lock = 5;
inline constexpr std::int64_t pin_lock_seconds = 15 * 60;

/// A PIN step's result, plus when the lock ends if the problem is "pin_locked".
template <typename T>
struct pin_step {
  outcome<T> result;
  unix_seconds locked_until = 0;
};

/// What the slow comparison needs: the staff member and their stored PIN hash.
struct pin_challenge {
  staff_member member;
  std::string pin_hash;
};

/// A PIN is 4 to 8 digits; nullopt if `pin` is one.
std::optional<problem> check_new_pin(std::string_view pin);

/// Stores a PIN hashed beforehand with hash_secret, clearing failures and any lock. not_found for an
/// unknown staff member.
outcome<done> set_staff_pin(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                            const std::string& pin_hash);
/// Gives the staff member this badge (nullopt takes it away). Problems as update_staff's, including
/// conflict "badge_taken".
outcome<staff_member> set_staff_badge(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                      std::optional<std::string> badge_id);

/// Step one, a read: whether the staff member with this number may try a PIN now. Problems:
/// not_found "identification_failed" (an unknown number answers exactly as a wrong PIN does),
/// refused "staff_inactive", refused "pin_not_set", refused "pin_locked".
pin_step<pin_challenge> begin_pin_check(db::connection& db, const std::string& staff_number, unix_seconds now);

/// Step two, on the writer after the slow comparison: counts the attempt. A match clears the
/// failures and answers the staff member, unless the PIN got locked meanwhile. A mismatch answers
/// not_found "identification_failed"; the fifth in a row locks the PIN for pin_lock_seconds and
/// answers "pin_locked". Audited whenever the counters change.
pin_step<staff_member> finish_pin_check(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                        bool matched);

/// The active staff member carrying this badge. Problems: not_found "identification_failed",
/// refused "staff_inactive".
outcome<staff_member> identify_by_badge(db::connection& db, const std::string& badge_id);

}  // namespace pedalpower::domain
