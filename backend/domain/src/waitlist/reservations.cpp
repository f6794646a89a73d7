#include "pedalpower/domain/reservations.hpp"

#include <stdexcept>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/bikes_by_charge.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/domain/policy.hpp"
#include "waitlist_rows.hpp"

namespace pedalpower::domain {
namespace {

const actor housekeeping{"system:reservation-expiry"};

const std::string select_reservations =
    "SELECT r.id, r.bike_id, r.staff_id, r.waitlist_entry_id, r.created_at, r.expires_at, r.status FROM reservations r";

reservation read_reservation(const db::statement& row)
{
  return {row.get_int(0),     row.get_int(1), row.get_int(2), row.get_optional_int(3),
          row.get_int(4),     row.get_int(5), row.get_text(6)};
}

std::vector<reservation> read_reservations(db::statement& rows)
{
  std::vector<reservation> found;
  while (rows.step()) found.push_back(read_reservation(rows));
  return found;
}

/// A change of bike status that the loan processes rely on; the transition table allowing it is an invariant.
void move_bike(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id, bike_status to,
               const std::string& note)
{
  const auto moved = change_bike_status(db, who, now, bike_id, to, note);
  if (!moved) throw std::logic_error("bike " + std::to_string(bike_id) + ": " + moved.error().message);
}

/// Puts a reserved bike back to available; a bike a coordinator has since moved elsewhere stays put.
void free_reserved_bike(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                        const std::string& note)
{
  const auto bike = find_bike(db, bike_id);
  if (bike && bike->status == bike_status::reserved) move_bike(db, who, now, bike_id, bike_status::available, note);
}

std::optional<std::int64_t> bike_site(db::connection& db, std::int64_t bike_id)
{
  const auto bike = find_bike(db, bike_id);
  if (!bike) return std::nullopt;
  return bike->site_id;
}

}  // namespace

void to_json(nlohmann::json& out, const reservation& held)
{
  out = {
      {"id", held.id},
      {"bike_id", held.bike_id},
      {"staff_id", held.staff_id},
      {"waitlist_entry_id", held.waitlist_entry_id ? nlohmann::json(*held.waitlist_entry_id) : nlohmann::json(nullptr)},
      {"created_at", iso8601(held.created_at)},
      {"expires_at", iso8601(held.expires_at)},
      {"status", held.status},
  };
}

std::optional<reservation> live_reservation_for_bike(db::connection& db, std::int64_t bike_id, unix_seconds now)
{
  static const std::string sql = select_reservations + " WHERE r.bike_id = ?1 AND r.status = 'held' AND r.expires_at > ?2";
  auto found = read_reservations(db.query(sql, bike_id, now));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<reservation> live_reservations_for_staff(db::connection& db, std::int64_t staff_id, unix_seconds now,
                                                     std::optional<std::int64_t> site_id)
{
  static const std::string sql = select_reservations +
                                 " JOIN bikes b ON b.id = r.bike_id"
                                 " WHERE r.staff_id = ?1 AND r.status = 'held' AND r.expires_at > ?2"
                                 " AND (?3 IS NULL OR b.site_id = ?3) ORDER BY r.expires_at, r.id";
  return read_reservations(db.query(sql, staff_id, now, site_id));
}

std::optional<reservation> held_reservation_for_entry(db::connection& db, std::int64_t waitlist_entry_id)
{
  static const std::string sql = select_reservations + " WHERE r.waitlist_entry_id = ?1 AND r.status = 'held'";
  auto found = read_reservations(db.query(sql, waitlist_entry_id));
  if (found.empty()) return std::nullopt;
  return found.front();
}

int count_free_bikes(db::connection& db, std::int64_t site_id)
{
  auto& rows = db.query("SELECT count(*) FROM bikes WHERE site_id = ?1 AND status = 'available'", site_id);
  rows.step();
  const auto count = static_cast<int>(rows.get_int(0));
  rows.reset();
  return count;
}

std::vector<reservation> offer_free_bikes(db::connection& db, const actor& who, unix_seconds now, std::int64_t site_id)
{
  std::vector<reservation> offered;
  const auto policy = policy_in_force(db, utc_date(now));
  if (!policy) return offered;
  // Someone who has left leaves the queues with it; the test keeps a bike from ever being held for them.
  static const std::string head_of_queue =
      select_waitlist_entries +
      " WHERE site_id = ?1 AND status = 'waiting' AND staff_id IN (SELECT id FROM staff WHERE active = 1)"
      " ORDER BY priority_tier, joined_at, id LIMIT 1";
  db::savepoint unit(db, "offer_free_bikes");
  bike_filter free_here;
  free_here.site_id = site_id;
  free_here.status = bike_status::available;
  // The best-charged bike is held first: a flat one would keep the person waiting while it charges.
  for (const auto& free : by_charge(db, list_bikes(db, free_here), policy->min_charge_pct, now)) {
    auto& queue = db.query(head_of_queue, site_id);
    if (!queue.step()) break;
    const auto next = read_waitlist_entry(queue);
    queue.reset();

    const auto bike_id = free.offered.id;
    move_bike(db, who, now, bike_id, bike_status::reserved, "held for the waiting list");
    reservation held{
        0, bike_id, next.staff_id, next.id, now, now + std::int64_t{policy->reservation_hold_hours} * 3600, "held"};
    insert_held_reservation(db, who, now, held);
    set_waitlist_entry_status(db, who, now, next.id, "offered");
    notify_reservation_offered(db, now, held);
    offered.push_back(held);
  }
  unit.commit();
  return offered;
}

void close_reservation(db::connection& db, const actor& who, unix_seconds now, const reservation& held,
                       const std::string& status)
{
  db::savepoint unit(db, "close_reservation");
  auto after = held;
  after.status = status;
  db.run("UPDATE reservations SET status = ?2 WHERE id = ?1", held.id, status);
  record_edit(db, who, now, "reservation." + status, "reservation", held, after);
  if (status == "cancelled") {
    free_reserved_bike(db, who, now, held.bike_id, "reservation cancelled");
    if (const auto site = bike_site(db, held.bike_id)) offer_free_bikes(db, who, now, *site);
  }
  unit.commit();
}

int expire_reservations(db::connection& db, unix_seconds now)
{
  db::savepoint unit(db, "expire_reservations");
  static const std::string due_sql = select_reservations + " WHERE r.status = 'held' AND r.expires_at <= ?1";
  const auto due = read_reservations(db.query(due_sql, now));
  for (const auto& held : due) {
    auto after = held;
    after.status = "expired";
    db.run("UPDATE reservations SET status = 'expired' WHERE id = ?1", held.id);
    record_edit(db, housekeeping, now, "reservation.expired", "reservation", held, after);
    if (held.waitlist_entry_id) set_waitlist_entry_status(db, housekeeping, now, *held.waitlist_entry_id, "expired");
    free_reserved_bike(db, housekeeping, now, held.bike_id, "reservation expired");
    if (const auto site = bike_site(db, held.bike_id)) offer_free_bikes(db, housekeeping, now, *site);
  }
  unit.commit();
  return static_cast<int>(due.size());
}

int settle_reservations(db::connection& db, unix_seconds now)
{
  db::savepoint unit(db, "settle_reservations");
  const int expired = expire_reservations(db, now);
  std::vector<std::int64_t> sites_with_queue;
  auto& sites = db.query("SELECT DISTINCT site_id FROM waitlist_entries WHERE status = 'waiting'");
  while (sites.step()) sites_with_queue.push_back(sites.get_int(0));
  for (const auto site_id : sites_with_queue) offer_free_bikes(db, housekeeping, now, site_id);
  unit.commit();
  return expired;
}

}  // namespace pedalpower::domain
