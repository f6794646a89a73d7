#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/domain/sign_in_throttle.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

// A staff member identifies at a kiosk with their staff number and a PIN, or with their badge.
// PINs are short, so the lockout, not the hash, is what stops guessing. The lockout is kept per
// kiosk: guessing at one kiosk locks the person there only, for longer at each repeated lock.
// Every refusal of a staff number and PIN is the same problem after the same work, so neither the
// answer nor its timing tells an unknown number, a missing PIN, a wrong PIN or a lock apart.

inline constexpr int pin_failures_before_lock = 5;

/// How identifications at a kiosk are slowed before the database's lock: a person (their staff number
/// or badge) at one kiosk is the pair, the kiosk itself the address, never its network address, as
/// kiosks behind one hospital NAT must not block each other. Everyone queueing at a kiosk shares its
/// count, hence the kiosk's roomier limit. No waits before a person's limit, which the lock undercuts,
/// unless they keep failing between right PINs.
inline constexpr sign_in_limits kiosk_identify_limits{.window_seconds = 15 * 60,
                                                      .pair_lock_after = 10,
                                                      .address_lock_after = 50,
                                                      .account_attack_after = 20,
                                                      .free_failures = 10,
                                                      .first_delay_seconds = 5};
inline constexpr std::int64_t pin_lock_seconds = 15 * 60;
inline constexpr std::int64_t longest_pin_lock_seconds = 24 * 60 * 60;

/// What the slow comparison needs: the staff member who may succeed, and the hash to compare the PIN
/// with. When nobody may succeed (unknown number, inactive, no PIN, locked at this kiosk) `member` is
/// empty and the hash is the decoy, so that the comparison costs the same.
struct pin_challenge {
  std::optional<staff_member> member;
  std::string pin_hash;
};

/// A PIN is 4 to 8 digits; nullopt if `pin` is one.
std::optional<problem> check_new_pin(std::string_view pin);

/// Stores a PIN hashed beforehand with hash_secret, clearing every kiosk's lock and the proofs of
/// earlier identifications. not_found for an unknown staff member.
outcome<done> set_staff_pin(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                            const std::string& pin_hash);
/// Gives the staff member this badge (nullopt takes it away). Problems as update_staff's, including
/// conflict "badge_taken".
outcome<staff_member> set_staff_badge(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                      std::optional<std::string> badge_id);

/// Step one, a read: who may succeed with a PIN typed now at kiosk `device_id`, and what to compare.
pin_challenge begin_pin_check(db::connection& db, const std::string& staff_number, std::int64_t device_id,
                              unix_seconds now);

/// Step two, on the writer after the slow comparison: counts the attempt at this kiosk. A match
/// clears the kiosk's failures and answers the staff member, unless the PIN got locked there
/// meanwhile. Anything else is unauthenticated "identification_failed"; the fifth failure in a row at a
/// kiosk locks the PIN there for pin_lock_seconds, doubling with each lock up to
/// longest_pin_lock_seconds until the right PIN is typed. Audited whenever the counters change.
outcome<staff_member> finish_pin_check(db::connection& db, const actor& who, unix_seconds now, std::int64_t device_id,
                                       const pin_challenge& challenge, bool matched);

/// The one refusal of a staff number and PIN.
problem identification_failed();

/// The active staff member carrying this badge. Problems: unauthenticated "identification_failed",
/// refused "staff_inactive".
outcome<staff_member> identify_by_badge(db::connection& db, const std::string& badge_id);

}  // namespace pedalpower::domain
