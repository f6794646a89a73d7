#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::kiosk {

using pedalpower::unix_seconds;

/// How a person names themselves at the kiosk: a badge scan or a staff number typed on the keypad.
struct staff_identifier {
  std::optional<std::string> staff_number;
  std::optional<std::string> badge_id;
};

/// What the kiosk keeps of someone who identified at it while the backend answered.
struct cached_staff {
  std::int64_t staff_id = 0;
  std::string staff_number;
  std::optional<std::string> badge_id;
  std::string name;
  nlohmann::json allowance = nlohmann::json::object();  ///< what their pay band allowed, as last seen online
  unix_seconds verified_at = 0;
  /// The backend's proof of that online identification, sent with what is done for them offline.
  std::string offline_proof;
};

/// scrypt cost for the kiosk's own PIN hashes: about a tenth of a second and 16 MiB per guess, as a
/// kiosk checks a PIN while the person waits.
inline constexpr scrypt_cost offline_pin_cost{16384, 8, 1};

struct offline_identity_rules {
  std::int64_t max_age_seconds = 7 * 86400;  ///< an entry older than this is erased, not trusted
  int max_failures = 3;                      ///< wrong PINs offline before the entry is erased
};

/// Lets the kiosk recognise staff while the backend is unreachable: only people who identified at
/// this kiosk online recently, checked against the kiosk's own scrypt hash of the PIN they typed
/// then. Too many wrong PINs erase the entry, so guessing offline ends in a return to the backend.
class staff_cache {
public:
  staff_cache(db::connection& database, offline_identity_rules rules, scrypt_cost cost = offline_pin_cost);

  /// Records (or refreshes) a person the backend has just verified with `pin`. Without a proof of
  /// that identification nothing done offline could be vouched for, so the person is forgotten.
  void remember(const cached_staff& person, std::string_view pin, unix_seconds now);
  /// Keeps the latest allowance the backend gave for `staff_id`, if they are cached.
  void update_allowance(std::int64_t staff_id, const nlohmann::json& allowance);

  /// The cached person with this id, unless the entry is too old.
  std::optional<cached_staff> find(std::int64_t staff_id, unix_seconds now);

  /// Counts loans lent or taken back since the allowance was cached.
  void add_active_loans(std::int64_t staff_id, int change);

  /// The cached person if `pin` is theirs. Problems: not_found "offline_unknown_staff" (never seen
  /// here, or seen too long ago), refused "wrong_pin" (with the attempts left in the message),
  /// refused "offline_identity_erased" when that wrong PIN was the last one allowed.
  pedalpower::outcome<cached_staff> verify(const staff_identifier& who, std::string_view pin, unix_seconds now);

  /// Erases entries older than the rules allow; returns how many.
  int forget_expired(unix_seconds now);

private:
  db::connection& db_;
  offline_identity_rules rules_;
  scrypt_cost cost_;
};

}  // namespace pedalpower::kiosk
