#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What happened to a reservation held on a bike when the bike went into the workshop.
struct reservation_outcome {
  std::int64_t reservation_id = 0;
  std::int64_t staff_id = 0;
  std::string outcome;  ///< offered_other_bike or kept_head_of_queue
  std::optional<std::int64_t> new_reservation_id;
  unix_seconds at = 0;
};

/// Cancels the live reservation on `bike_id`, which is about to go into the workshop, without ever
/// dropping its holder: another free bike at the site is held for them (for a fresh hold period), or
/// else their waiting-list entry goes back to waiting at the head of the queue (tier 0 ranks before
/// every band). The bike itself stays reserved for the caller to move. Audited. Nothing when no
/// reservation is live. Throws db::error.
std::optional<reservation_outcome> hand_over_reservation_for_workshop(db::connection& db, const actor& who,
                                                                      unix_seconds now, std::int64_t bike_id);

}  // namespace pedalpower::domain
