#include "pedalpower/domain/waitlist.hpp"

#include <algorithm>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/loan_decision.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/policy.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/staff.hpp"
#include "waitlist_rows.hpp"

namespace pedalpower::domain {
namespace {

bool is_open(const waitlist_entry& entry) { return entry.status == "waiting" || entry.status == "offered"; }

int count_ahead_of_entry(db::connection& db, const waitlist_entry& entry)
{
  auto& rows = db.query(
      "SELECT count(*) FROM waitlist_entries WHERE site_id = ?1 AND status = 'waiting' AND (priority_tier < ?2"
      " OR (priority_tier = ?2 AND (joined_at < ?3 OR (joined_at = ?3 AND id < ?4))))",
      entry.site_id, entry.priority_tier, entry.joined_at, entry.id);
  rows.step();
  const auto count = static_cast<int>(rows.get_int(0));
  rows.reset();
  return count;
}

waitlist_entry with_place(db::connection& db, waitlist_entry entry, unix_seconds now)
{
  if (entry.status == "waiting") entry.position = count_ahead_of_entry(db, entry) + 1;
  if (entry.status == "offered") {
    if (auto held = held_reservation_for_entry(db, entry.id); held && held->expires_at > now) entry.offer = held;
  }
  return entry;
}

std::vector<waitlist_entry> read_entries(db::statement& rows)
{
  std::vector<waitlist_entry> found;
  while (rows.step()) found.push_back(read_waitlist_entry(rows));
  return found;
}

/// Closes one open entry with `status`, cancelling a bike held for it. The entry is closed first, so
/// the bike goes to the next person rather than back to it.
void close_entry(db::connection& db, const actor& who, unix_seconds now, std::int64_t entry_id,
                 const std::string& status, std::string_view action = {})
{
  db::savepoint unit(db, "close_waitlist_entry");
  set_waitlist_entry_status(db, who, now, entry_id, status, action);
  if (const auto held = held_reservation_for_entry(db, entry_id)) close_reservation(db, who, now, *held, "cancelled");
  unit.commit();
}

void close_open_entries(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                        std::optional<std::int64_t> site_id, const std::string& status, std::string_view action = {})
{
  db::savepoint unit(db, "close_waitlist_entries");
  for (const auto& entry : open_waitlist_entries_of(db, staff_id, now)) {
    if (!site_id || entry.site_id == *site_id) close_entry(db, who, now, entry.id, status, action);
  }
  unit.commit();
}

}  // namespace

void to_json(nlohmann::json& out, const waitlist_entry& entry)
{
  out = {
      {"id", entry.id},
      {"staff_id", entry.staff_id},
      {"site_id", entry.site_id},
      {"priority_tier", entry.priority_tier},
      {"joined_at", iso8601(entry.joined_at)},
      {"status", entry.status},
      {"closed_at", entry.closed_at ? nlohmann::json(iso8601(*entry.closed_at)) : nlohmann::json(nullptr)},
      {"position", entry.position ? nlohmann::json(*entry.position) : nlohmann::json(nullptr)},
      {"offer", entry.offer ? nlohmann::json(*entry.offer) : nlohmann::json(nullptr)},
  };
}

outcome<waitlist_entry> join_waitlist(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                      std::int64_t site_id)
{
  const auto staff = find_staff(db, staff_id);
  if (!staff) return staff.error();
  if (const auto site = find_site(db, site_id); !site) return site.error();
  if (open_waitlist_entry(db, staff_id, site_id, now)) {
    return conflict("already_waiting", "This person is already on the waiting list at this site.");
  }
  const auto today = utc_date(now);
  const auto policy = policy_in_force(db, today);
  const auto rule = policy ? policy->rule_for(staff->pay_band) : std::nullopt;
  const auto verdict = pay_band_policy::decide_person(staff.value(), rule, active_loan_count(db, staff_id), today);
  if (!verdict.allowed()) return *verdict.refusal;

  db::savepoint unit(db, "join_waitlist");
  db.run("INSERT INTO waitlist_entries(staff_id, site_id, priority_tier, joined_at, status) VALUES (?1, ?2, ?3, ?4, "
         "'waiting')",
         staff_id, site_id, rule->priority_tier, now);
  const auto entry_id = db.last_insert_rowid();
  record_creation(db, who, now, "waitlist.join", "waitlist_entry", *load_waitlist_entry(db, entry_id));
  offer_free_bikes(db, who, now, site_id);
  unit.commit();
  return find_waitlist_entry(db, entry_id, now);
}

outcome<waitlist_entry> leave_waitlist(db::connection& db, const actor& who, unix_seconds now, std::int64_t entry_id)
{
  const auto entry = load_waitlist_entry(db, entry_id);
  if (!entry) return not_found("waitlist_entry_not_found", "There is no such waiting-list entry.");
  if (!is_open(*entry)) return conflict("waitlist_entry_closed", "This waiting-list entry is already closed.");

  close_entry(db, who, now, entry_id, "left");
  return find_waitlist_entry(db, entry_id, now);
}

void fulfil_waitlist_entries(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                             std::optional<std::int64_t> site_id)
{
  close_open_entries(db, who, now, staff_id, site_id, "fulfilled");
}

void leave_every_waitlist(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id)
{
  close_open_entries(db, who, now, staff_id, std::nullopt, "left", "waitlist.left_on_leaving_scheme");
}

outcome<waitlist_entry> find_waitlist_entry(db::connection& db, std::int64_t entry_id, unix_seconds now)
{
  auto entry = load_waitlist_entry(db, entry_id);
  if (!entry) return not_found("waitlist_entry_not_found", "There is no such waiting-list entry.");
  return with_place(db, std::move(*entry), now);
}

std::optional<waitlist_entry> open_waitlist_entry(db::connection& db, std::int64_t staff_id, std::int64_t site_id,
                                                  unix_seconds now)
{
  for (auto& entry : open_waitlist_entries_of(db, staff_id, now)) {
    if (entry.site_id == site_id) return std::move(entry);
  }
  return std::nullopt;
}

std::vector<waitlist_entry> open_waitlist_entries_of(db::connection& db, std::int64_t staff_id, unix_seconds now)
{
  static const std::string sql =
      select_waitlist_entries + " WHERE staff_id = ?1 AND status IN ('waiting', 'offered') ORDER BY joined_at, id";
  auto found = read_entries(db.query(sql, staff_id));
  for (auto& entry : found) entry = with_place(db, std::move(entry), now);
  return found;
}

std::vector<waitlist_entry> site_waitlist(db::connection& db, std::int64_t site_id, unix_seconds now)
{
  static const std::string sql = select_waitlist_entries +
                                 " WHERE site_id = ?1 AND status IN ('waiting', 'offered')"
                                 " ORDER BY status = 'waiting', priority_tier, joined_at, id";
  auto found = read_entries(db.query(sql, site_id));
  int position = 0;
  for (auto& entry : found) {
    if (entry.status == "waiting") {
      entry.position = ++position;
    } else {
      entry = with_place(db, std::move(entry), now);
    }
  }
  return found;
}

outcome<list_page<waitlist_entry>> list_waitlist(db::connection& db, const waitlist_filter& filter,
                                                 const page_request& wanted, unix_seconds now)
{
  static constexpr std::array<std::string_view, 5> statuses{"waiting", "offered", "fulfilled", "left", "expired"};
  static constexpr std::array<sort_key, 5> keys{{{"joined_at", "joined_at"},
                                                 {"priority_tier", "priority_tier"},
                                                 {"site_id", "site_id"},
                                                 {"status", "status"},
                                                 {"id", "id"}}};
  list_query query{select_waitlist_entries};
  query.where_if(filter.site_id, "site_id = ?");
  query.where_if(filter.staff_id, "staff_id = ?");
  if (filter.priority_tier) query.where("priority_tier = ?", {std::int64_t{*filter.priority_tier}});
  if (!filter.status) {
    query.where("status IN ('waiting', 'offered')");
  } else if (std::find(statuses.begin(), statuses.end(), *filter.status) == statuses.end()) {
    return invalid("status", "status is waiting, offered, fulfilled, left or expired");
  } else {
    query.where("status = ?", {*filter.status});
  }
  return fetch_page<waitlist_entry>(db, query, wanted, keys, "status = 'waiting', priority_tier, joined_at, id",
                                    [&db, now](db::statement& rows) {
                                      auto found = read_entries(rows);
                                      for (auto& entry : found) entry = with_place(db, std::move(entry), now);
                                      return found;
                                    });
}

int waiting_ahead_of(db::connection& db, std::int64_t site_id, std::int64_t staff_id, int tier)
{
  static const std::string own_sql = select_waitlist_entries + " WHERE site_id = ?1 AND staff_id = ?2 AND status = 'waiting'";
  auto& own = db.query(own_sql, site_id, staff_id);
  if (own.step()) {
    const auto entry = read_waitlist_entry(own);
    own.reset();
    return count_ahead_of_entry(db, entry);
  }
  auto& rows = db.query(
      "SELECT count(*) FROM waitlist_entries WHERE site_id = ?1 AND status = 'waiting' AND staff_id <> ?2"
      " AND priority_tier <= ?3",
      site_id, staff_id, tier);
  rows.step();
  const auto count = static_cast<int>(rows.get_int(0));
  rows.reset();
  return count;
}

}  // namespace pedalpower::domain
