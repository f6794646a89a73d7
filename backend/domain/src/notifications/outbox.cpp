#include "pedalpower/domain/outbox.hpp"

#include <algorithm>
#include <ctime>

#include <nlohmann/json.hpp>

#include "listing/list_query.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/core/secrets.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::string_view entry_columns =
    "SELECT id, event, kind, recipient, recipient_label, urgent, facts, message_id, status, "
    "attempts, next_attempt_at, last_error, created_at, sent_at FROM outbox ";

constexpr std::size_t longest_error_text = 500;

outbox_entry read_entry(const db::statement& row)
{
  outbox_entry entry;
  row.read(entry.id, entry.message.event, entry.message.kind, entry.message.recipient, entry.message.recipient_label,
           entry.message.urgent);
  entry.message.facts = nlohmann::json::parse(row.get_text(6));
  row.read_from(7, entry.message_id, entry.status, entry.attempts, entry.next_attempt_at, entry.last_error,
                   entry.created_at, entry.sent_at);
  return entry;
}

template <typename... Args>
std::vector<outbox_entry> select_entries(db::connection& db, std::string_view rest, const Args&... args)
{
  auto& rows = db.query(std::string(entry_columns) + std::string(rest), args...);
  std::vector<outbox_entry> found;
  while (rows.step()) found.push_back(read_entry(rows));
  rows.reset();
  return found;
}

/// The part of an address after '@', for a Message-ID in the sender's own namespace.
std::string mail_domain(const std::string& address)
{
  const auto at = address.rfind('@');
  return at == std::string::npos ? std::string("pedalpower.invalid") : address.substr(at + 1);
}

unix_seconds retry_delay(const retry_policy& policy, int attempts)
{
  unix_seconds delay = policy.first;
  for (int i = 1; i < attempts && delay < policy.longest; ++i) delay *= 2;
  return std::min(delay, policy.longest);
}

}  // namespace

void to_json(nlohmann::json& out, const outbox_entry& entry)
{
  out = {{"id", entry.id},
         {"event", entry.message.event},
         {"kind", entry.message.kind},
         {"recipient", entry.message.recipient},
         {"recipient_label", entry.message.recipient_label},
         {"urgent", entry.message.urgent},
         {"facts", entry.message.facts},
         {"message_id", entry.message_id},
         {"status", entry.status},
         {"attempts", entry.attempts},
         {"next_attempt_at", iso8601(entry.next_attempt_at)},
         {"last_error", entry.last_error},
         {"created_at", iso8601(entry.created_at)},
         {"sent_at", entry.sent_at ? nlohmann::json(iso8601(*entry.sent_at)) : nlohmann::json()}};
}

bool queue_message(db::connection& db, unix_seconds now, const outgoing_message& message)
{
  const auto message_id = "<" + random_token(18) + "@" + mail_domain(message.recipient) + ">";
  return db.run("INSERT INTO outbox (event, kind, recipient, recipient_label, urgent, facts, message_id, status, "
                "next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?8) "
                "ON CONFLICT (event, recipient) DO NOTHING",
                message.event, message.kind, message.recipient, message.recipient_label, message.urgent ? 1 : 0,
                message.facts.dump(), message_id, now) == 1;
}

bool within_working_hours(const working_hours& hours, unix_seconds at)
{
  const auto local = local_time(at);
  const bool weekday = local.tm_wday >= 1 && local.tm_wday <= 5;
  return (weekday || hours.weekends) && local.tm_hour >= hours.first_hour && local.tm_hour < hours.end_hour;
}

std::vector<outbox_entry> due_messages(db::connection& db, unix_seconds now, const working_hours& hours, int limit)
{
  const int urgent_only = within_working_hours(hours, now) ? 0 : 1;
  return select_entries(db,
                        "WHERE status = 'pending' AND next_attempt_at <= ?1 AND (urgent = 1 OR ?2 = 0) "
                        "ORDER BY next_attempt_at, id LIMIT ?3",
                        now, urgent_only, limit);
}

void record_delivery(db::connection& db, std::int64_t id, unix_seconds now)
{
  db.run("UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?2, last_error = '' WHERE id = ?1", id,
         now);
}

void record_failed_attempt(db::connection& db, std::int64_t id, unix_seconds now, const std::string& error,
                           bool permanent, const retry_policy& policy)
{
  auto found = select_entries(db, "WHERE id = ?1", id);
  if (found.empty()) return;
  const int attempts = found.front().attempts + 1;
  const bool give_up = permanent || attempts >= policy.max_attempts;
  // Only a message still waiting changes: one withdrawn while it was being tried stays withdrawn.
  db.run(
      "UPDATE outbox SET status = ?2, attempts = ?3, next_attempt_at = ?4, last_error = ?5 "
      "WHERE id = ?1 AND status = 'pending'",
      id, give_up ? "failed" : "pending", attempts, now + retry_delay(policy, attempts),
      error.substr(0, longest_error_text));
}

outcome<list_page<outbox_entry>> list_outbox(db::connection& db, const outbox_filter& filter,
                                             const page_request& wanted)
{
  static constexpr std::array<sort_key, 7> keys{{{"id", "id"},
                                                 {"created_at", "created_at"},
                                                 {"next_attempt_at", "next_attempt_at"},
                                                 {"sent_at", "sent_at"},
                                                 {"status", "status"},
                                                 {"kind", "kind"},
                                                 {"attempts", "attempts"}}};
  list_query query{std::string(entry_columns)};
  query.where_if(filter.status, "status = ?");
  query.where_if(filter.kind, "kind = ?");
  return fetch_page<outbox_entry>(db, query, wanted, keys, "id DESC", [](db::statement& rows) {
    std::vector<outbox_entry> entries;
    while (rows.step()) entries.push_back(read_entry(rows));
    return entries;
  });
}

outcome<outbox_entry> find_outbox_entry(db::connection& db, std::int64_t id)
{
  auto found = select_entries(db, "WHERE id = ?1", id);
  if (found.empty()) return not_found("message_not_found", "no message has that id", "id");
  return std::move(found.front());
}

outcome<outbox_entry> resend_message(db::connection& db, const actor& who, unix_seconds now, std::int64_t id)
{
  auto found = find_outbox_entry(db, id);
  if (!found) return found;
  if (found->status == "pending") return conflict("message_pending", "that message is already waiting to be sent");
  if (found->status == "withdrawn" || !loan_reminder_holds(db, found->message)) {
    return conflict("message_withdrawn", "that message no longer holds: the loan it was about was renewed or ended");
  }
  db.run("UPDATE outbox SET status = 'pending', next_attempt_at = ?2, last_error = '' WHERE id = ?1", id, now);
  record_audit(db, who, now, "resend", "outbox", std::to_string(id), nlohmann::json{{"status", found->status}},
               nlohmann::json{{"status", "pending"}});
  return find_outbox_entry(db, id);
}

}  // namespace pedalpower::domain
