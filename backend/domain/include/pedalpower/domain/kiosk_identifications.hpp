#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

// A kiosk that lends offline checks the PIN against its own copy, kept from an identification the
// backend saw. The backend gives the kiosk a proof of that identification; actions the kiosk took
// for the person offline are replayed with it. A proof works only for the kiosk and the person it
// was issued for, for a kiosk's week of offline sign-ins plus a week for its journal to drain.

inline constexpr unix_seconds offline_proof_seconds = 14 * seconds_per_day;

struct offline_proof {
  std::string token;  ///< given to the kiosk once; only its digest is stored
  unix_seconds valid_until = 0;
};

/// Records that `staff_id` proved their PIN at kiosk `device_id` now and returns the proof, after
/// forgetting the proofs that have run out.
offline_proof record_kiosk_identification(db::connection& db, unix_seconds now, std::int64_t device_id,
                                          std::int64_t staff_id);

/// The staff member `proof` was issued for at kiosk `device_id`, while it is valid; nullopt for an
/// unknown, expired or other kiosk's proof.
std::optional<std::int64_t> staff_of_offline_proof(db::connection& db, std::string_view proof, std::int64_t device_id,
                                                   unix_seconds now);

/// Forgets every proof issued for `staff_id` (their PIN changed).
void forget_kiosk_identifications_of(db::connection& db, std::int64_t staff_id);

}  // namespace pedalpower::domain
