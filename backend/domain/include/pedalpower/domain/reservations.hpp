#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// A bike held for the person at the head of a site's waiting list, for the policy's hold hours.
struct reservation {
  std::int64_t id = 0;
  std::int64_t bike_id = 0;
  std::int64_t staff_id = 0;
  std::optional<std::int64_t> waitlist_entry_id;
  unix_seconds created_at = 0;
  unix_seconds expires_at = 0;
  std::string status;  ///< held, fulfilled, expired, cancelled
};

void to_json(nlohmann::json& out, const reservation& held);

/// The reservation holding `bike_id` that has not run out by `now`, if any.
std::optional<reservation> live_reservation_for_bike(db::connection& db, std::int64_t bike_id, unix_seconds now);
/// The reservations held for `staff_id` that have not run out by `now`, at `site_id` or anywhere when absent.
std::vector<reservation> live_reservations_for_staff(db::connection& db, std::int64_t staff_id, unix_seconds now,
                                                     std::optional<std::int64_t> site_id = std::nullopt);

/// The reservation still marked held for a waiting-list entry, run out or not.
std::optional<reservation> held_reservation_for_entry(db::connection& db, std::int64_t waitlist_entry_id);

/// How many bikes at `site_id` are available and held for nobody.
int count_free_bikes(db::connection& db, std::int64_t site_id);

/// Holds each free bike at `site_id` for the next person waiting there (tier, then join time, then
/// entry id) for the hold hours of the policy in force; the entry becomes `offered`, the bike
/// `reserved`. Returns the new reservations (none without a policy in force). Throws db::error.
std::vector<reservation> offer_free_bikes(db::connection& db, const actor& who, unix_seconds now,
                                          std::int64_t site_id);

/// Closes a held reservation as `fulfilled` or `cancelled`; a cancelled one frees its bike and offers
/// it to the next person. Audited. Throws db::error.
void close_reservation(db::connection& db, const actor& who, unix_seconds now, const reservation& held,
                       const std::string& status);

/// Expires every held reservation whose hold ran out by `now`: the reservation and its waiting-list
/// entry become `expired`, and the bike goes to the next person waiting at its site, or back to
/// available. Checkout and return run it first. Returns how many expired. Throws db::error.
int expire_reservations(db::connection& db, unix_seconds now);

/// The every-minute housekeeping: expire_reservations, then offers every free bike at each site where
/// people wait (bikes freed by the workshop or added to the fleet). Returns how many expired.
int settle_reservations(db::connection& db, unix_seconds now);

}  // namespace pedalpower::domain
