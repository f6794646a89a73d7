#include "waitlist_rows.hpp"

#include <stdexcept>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/audit.hpp"

namespace pedalpower::domain {

const std::string select_waitlist_entries =
    "SELECT id, staff_id, site_id, priority_tier, joined_at, status, closed_at FROM waitlist_entries";

waitlist_entry read_waitlist_entry(const db::statement& row)
{
  waitlist_entry entry;
  row.read(entry.id, entry.staff_id, entry.site_id, entry.priority_tier, entry.joined_at, entry.status,
           entry.closed_at);
  return entry;
}

std::optional<waitlist_entry> load_waitlist_entry(db::connection& db, std::int64_t entry_id)
{
  static const std::string sql = select_waitlist_entries + " WHERE id = ?1";
  auto& rows = db.query(sql, entry_id);
  if (!rows.step()) return std::nullopt;
  auto entry = read_waitlist_entry(rows);
  rows.reset();
  return entry;
}

void set_waitlist_entry_status(db::connection& db, const actor& who, unix_seconds now, std::int64_t entry_id,
                               const std::string& status, std::string_view action)
{
  const auto before = load_waitlist_entry(db, entry_id);
  if (!before) throw std::logic_error("waiting-list entry " + std::to_string(entry_id) + " vanished");
  const bool closing = status != "waiting" && status != "offered";
  db.run("UPDATE waitlist_entries SET status = ?2, closed_at = CASE WHEN ?3 THEN ?4 ELSE closed_at END WHERE id = ?1",
         entry_id, status, closing, now);
  record_edit(db, who, now, action.empty() ? "waitlist." + status : std::string(action), "waitlist_entry", *before,
              *load_waitlist_entry(db, entry_id));
}

void insert_held_reservation(db::connection& db, const actor& who, unix_seconds now, reservation& held)
{
  db.run("INSERT INTO reservations(bike_id, staff_id, waitlist_entry_id, created_at, expires_at, status)"
         " VALUES (?1, ?2, ?3, ?4, ?5, 'held')",
         held.bike_id, held.staff_id, held.waitlist_entry_id, held.created_at, held.expires_at);
  held.id = db.last_insert_rowid();
  record_creation(db, who, now, "reservation.offer", "reservation", held);
}

}  // namespace pedalpower::domain
