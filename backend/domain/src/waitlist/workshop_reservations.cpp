#include "pedalpower/domain/workshop_reservations.hpp"

#include <algorithm>
#include <stdexcept>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/bikes_by_charge.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "waitlist_rows.hpp"

namespace pedalpower::domain {
namespace {

/// The tier that ranks before every pay band's: a place kept for someone whose bike went to the workshop.
constexpr int head_of_queue_tier = 0;

/// The best-charged free bike at the site but `except_bike_id`, as the waiting list holds bikes.
std::optional<std::int64_t> other_free_bike(db::connection& db, std::int64_t site_id, std::int64_t except_bike_id,
                                            unix_seconds now)
{
  bike_filter free_here;
  free_here.site_id = site_id;
  free_here.status = bike_status::available;
  const auto policy = policy_in_force(db, utc_date(now));
  for (const auto& free : by_charge(db, list_bikes(db, free_here), policy ? policy->min_charge_pct : 0, now)) {
    if (free.offered.id != except_bike_id) return free.offered.id;
  }
  return std::nullopt;
}

std::int64_t hold_other_bike(db::connection& db, const actor& who, unix_seconds now, const reservation& old,
                             std::int64_t bike_id)
{
  const auto policy = policy_in_force(db, utc_date(now));
  const auto expires_at =
      policy ? now + std::int64_t{policy->reservation_hold_hours} * 3600 : std::max(old.expires_at, now + 3600);
  const auto moved = change_bike_status(db, who, now, bike_id, bike_status::reserved,
                                        "held in place of a bike that went to the workshop");
  if (!moved) throw std::logic_error("bike " + std::to_string(bike_id) + ": " + moved.error().message);
  reservation held{0, bike_id, old.staff_id, old.waitlist_entry_id, now, expires_at, "held"};
  insert_held_reservation(db, who, now, held);
  return held.id;
}

void keep_head_of_queue(db::connection& db, const actor& who, unix_seconds now, const reservation& old,
                        std::int64_t site_id)
{
  auto entry_id = old.waitlist_entry_id;
  if (!entry_id) {
    db.run("INSERT INTO waitlist_entries(staff_id, site_id, priority_tier, joined_at, status)"
           " VALUES (?1, ?2, ?3, ?4, 'offered')",
           old.staff_id, site_id, head_of_queue_tier, old.created_at);
    entry_id = db.last_insert_rowid();
  }
  db.run("UPDATE waitlist_entries SET priority_tier = ?2 WHERE id = ?1", *entry_id, head_of_queue_tier);
  set_waitlist_entry_status(db, who, now, *entry_id, "waiting");
}

}  // namespace

std::optional<reservation_outcome> hand_over_reservation_for_workshop(db::connection& db, const actor& who,
                                                                      unix_seconds now, std::int64_t bike_id)
{
  const auto held = live_reservation_for_bike(db, bike_id, now);
  if (!held) return std::nullopt;
  const auto bike = find_bike(db, bike_id);
  if (!bike) throw std::logic_error("reserved bike " + std::to_string(bike_id) + " vanished");

  db::savepoint unit(db, "hand_over_reservation");
  auto cancelled = *held;
  cancelled.status = "cancelled";
  db.run("UPDATE reservations SET status = 'cancelled' WHERE id = ?1", held->id);
  record_edit(db, who, now, "reservation.cancelled", "reservation", *held, cancelled);

  reservation_outcome result{held->id, held->staff_id, "kept_head_of_queue", std::nullopt, now};
  if (const auto other = other_free_bike(db, bike->site_id, bike_id, now)) {
    result.outcome = "offered_other_bike";
    result.new_reservation_id = hold_other_bike(db, who, now, *held, *other);
  } else {
    keep_head_of_queue(db, who, now, *held, bike->site_id);
  }
  record_audit(db, who, now, "reservation.workshop", "reservation", std::to_string(held->id), std::nullopt,
               nlohmann::json{{"staff_id", result.staff_id},
                              {"outcome", result.outcome},
                              {"new_reservation_id", result.new_reservation_id ? nlohmann::json(*result.new_reservation_id)
                                                                               : nlohmann::json(nullptr)}});
  unit.commit();
  return result;
}

}  // namespace pedalpower::domain
