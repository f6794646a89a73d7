#include "pedalpower/domain/notifications.hpp"

#include <cmath>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/servicing.hpp"

namespace pedalpower::domain {
namespace {

struct person {
  std::string address;
  std::string label;
  std::string name;
};

/// The people of rows of user id, email and display name.
std::vector<person> users_in(db::statement& rows)
{
  std::vector<person> found;
  while (rows.step()) found.push_back({rows.get_text(1), "user:" + std::to_string(rows.get_int(0)), rows.get_text(2)});
  rows.reset();
  return found;
}

/// The active users with `role` and an address; technicians of `site_id` and of every site.
std::vector<person> users_to_tell(db::connection& db, std::string_view role, std::optional<std::int64_t> site_id)
{
  return users_in(db.query("SELECT id, email, display_name FROM users WHERE active = 1 AND role = ?1 AND email <> '' "
                           "AND (?2 IS NULL OR site_id IS NULL OR site_id = ?2) ORDER BY id",
                           role, site_id));
}

/// Active users with an address who asked for the monthly report packs (report authors unless they
/// opted out, coordinators who opted in).
std::vector<person> report_pack_readers(db::connection& db)
{
  return users_in(db.query("SELECT id, email, display_name FROM users WHERE active = 1 AND report_packs = 1"
                           " AND email <> '' AND role <> 'technician' ORDER BY id"));
}

std::string site_name(db::connection& db, std::int64_t site_id)
{
  auto& row = db.query("SELECT name FROM sites WHERE id = ?1", site_id);
  std::string name = row.step() ? row.get_text(0) : std::string();
  row.reset();
  return name;
}

void tell_all(db::connection& db, unix_seconds now, const std::vector<person>& people, outgoing_message message)
{
  for (const auto& someone : people) {
    message.recipient = someone.address;
    message.recipient_label = someone.label;
    message.facts["name"] = someone.name;
    queue_message(db, now, message);
  }
}

int queue_borrower_reminders(db::connection& db, unix_seconds now, int days_before_due)
{
  auto& rows = db.query(
      "SELECT l.id, l.due_at, l.staff_id, s.email, s.name, s.email_reminders, b.asset_tag, si.name FROM loans l "
      "JOIN staff s ON s.id = l.staff_id JOIN bikes b ON b.id = l.bike_id JOIN sites si ON si.id = l.site_id "
      "WHERE l.status = 'active' AND l.due_at <= ?1 AND s.email <> '' ORDER BY l.due_at, l.id",
      now + std::int64_t{days_before_due} * seconds_per_day);
  std::vector<outgoing_message> reminders;
  while (rows.step()) {
    const auto due_at = rows.get_int(1);
    const bool overdue = due_at <= now;
    if (!overdue && rows.get_int(5) == 0) continue;  // reminders turned off; overdue notices still go
    const std::string kind = overdue ? "loan_overdue" : "loan_due";
    reminders.push_back({kind + ":" + std::to_string(rows.get_int(0)) + ":" + std::to_string(due_at),
                         kind,
                         rows.get_text(3),
                         "staff:" + std::to_string(rows.get_int(2)),
                         false,
                         {{"name", rows.get_text(4)},
                          {"bike_tag", rows.get_text(6)},
                          {"site", rows.get_text(7)},
                          {"due_at", iso8601(due_at)}}});
  }
  rows.reset();
  int queued = 0;
  for (const auto& reminder : reminders) queued += queue_message(db, now, reminder) ? 1 : 0;
  return queued;
}

int queue_overdue_digest(db::connection& db, unix_seconds now)
{
  auto& rows = db.query(
      "SELECT s.staff_number, s.name, b.asset_tag, si.name, l.due_at FROM loans l JOIN staff s ON s.id = l.staff_id "
      "JOIN bikes b ON b.id = l.bike_id JOIN sites si ON si.id = l.site_id "
      "WHERE l.status = 'active' AND l.due_at <= ?1 ORDER BY l.due_at, l.id",
      now);
  auto loans = nlohmann::json::array();
  while (rows.step()) {
    loans.push_back({{"staff_number", rows.get_text(0)},
                     {"name", rows.get_text(1)},
                     {"bike_tag", rows.get_text(2)},
                     {"site", rows.get_text(3)},
                     {"due_at", iso8601(rows.get_int(4))}});
  }
  rows.reset();
  if (loans.empty()) return 0;
  int queued = 0;
  for (const auto& coordinator : users_to_tell(db, "coordinator", std::nullopt)) {
    const outgoing_message digest{"overdue_digest:" + utc_date(now), "overdue_digest", coordinator.address,
                                  coordinator.label, false,
                                  {{"name", coordinator.name}, {"date", utc_date(now)}, {"loans", loans}}};
    queued += queue_message(db, now, digest) ? 1 : 0;
  }
  return queued;
}

/// What is left before a service is due (or how far past it), in the units its schedule counts.
nlohmann::json service_measures(const service_due& due)
{
  nlohmann::json measures = nlohmann::json::object();
  const auto put = [&measures](const char* name, const std::optional<std::int64_t>& every, double used) {
    if (every) measures[name] = static_cast<std::int64_t>(std::floor(static_cast<double>(*every) - used));
  };
  put("km_left", due.interval.every_km, due.since.km);
  put("days_left", due.interval.every_days, due.since.days);
  if (due.since.cycles) put("cycles_left", due.interval.every_cycles, static_cast<double>(*due.since.cycles));
  return measures;
}

std::string refusal_reason(const nlohmann::json& refusal)
{
  const nlohmann::json::json_pointer message("/error/message");
  if (refusal.is_object() && refusal.contains(message) && refusal.at(message).is_string()) {
    return refusal.at(message).get<std::string>();
  }
  return {};
}

}  // namespace

void notify_reservation_offered(db::connection& db, unix_seconds now, const reservation& held)
{
  auto& row = db.query("SELECT s.email, s.name, b.asset_tag, b.site_id FROM staff s, bikes b "
                       "WHERE s.id = ?1 AND b.id = ?2",
                       held.staff_id, held.bike_id);
  if (!row.step()) {
    row.reset();
    return;
  }
  const auto address = row.get_text(0);
  nlohmann::json facts{{"name", row.get_text(1)}, {"bike_tag", row.get_text(2)}, {"expires_at", iso8601(held.expires_at)}};
  const auto site_id = row.get_int(3);
  row.reset();
  if (address.empty()) return;
  facts["site"] = site_name(db, site_id);
  queue_message(db, now,
                {"reservation_offered:" + std::to_string(held.id), "reservation_offered", address,
                 "staff:" + std::to_string(held.staff_id), true, std::move(facts)});
}

void notify_safety_fault(db::connection& db, unix_seconds now, const fault_report& report)
{
  if (!report.safety) return;
  auto& row = db.query("SELECT asset_tag, site_id FROM bikes WHERE id = ?1", report.bike_id);
  if (!row.step()) {
    row.reset();
    return;
  }
  const auto tag = row.get_text(0);
  const auto site_id = row.get_int(1);
  row.reset();
  tell_all(db, now, users_to_tell(db, "technician", site_id),
           {"safety_fault:" + std::to_string(report.id), "safety_fault", "", "", true,
            {{"bike_tag", tag},
             {"site", site_name(db, site_id)},
             {"category", report.category},
             {"note", report.note},
             {"reported_at", iso8601(report.reported_at)}}});
}

void notify_kiosk_exception(db::connection& db, unix_seconds now, const kiosk_exception& filed)
{
  auto& row = db.query("SELECT name FROM devices WHERE id = ?1", filed.device_id);
  const std::string kiosk = row.step() ? row.get_text(0) : std::string("a kiosk");
  row.reset();
  tell_all(db, now, users_to_tell(db, "coordinator", std::nullopt),
           {"kiosk_exception:" + std::to_string(filed.id), "kiosk_exception", "", "", false,
            {{"exception_id", filed.id},
             {"kiosk", kiosk},
             {"action", filed.kind},
             {"bike_tag", filed.bike_tag},
             {"recorded_at", iso8601(filed.recorded_at)},
             {"reason", refusal_reason(filed.refusal)}}});
}

void notify_report_pack_ready(db::connection& db, unix_seconds now, const std::string& month, const std::string& link)
{
  tell_all(db, now, report_pack_readers(db),
           {"report_pack_ready:" + month, "report_pack_ready", "", "", false, {{"month", month}, {"link", link}}});
}

void notify_sign_in_throttled(db::connection& db, unix_seconds now, std::int64_t user_id, std::string_view reason,
                              std::string_view address, int failures)
{
  constexpr unix_seconds window = 15 * 60;
  auto& row = db.query("SELECT email, display_name FROM users WHERE id = ?1 AND email <> ''", user_id);
  if (!row.step()) {
    row.reset();
    return;
  }
  const auto address_to = row.get_text(0);
  const auto name = row.get_text(1);
  row.reset();
  queue_message(db, now,
                {"sign_in_throttled:" + std::to_string(user_id) + ":" + std::string(reason) + ":" + std::string(address) +
                     ":" + std::to_string(now / window),
                 "sign_in_throttled", address_to, "user:" + std::to_string(user_id), true,
                 {{"name", name}, {"reason", reason}, {"address", address}, {"failures", failures}, {"at", iso8601(now)}}});
}

int queue_loan_reminders(db::connection& db, unix_seconds now, int days_before_due)
{
  return queue_borrower_reminders(db, now, days_before_due) + queue_overdue_digest(db, now);
}

bool loan_reminder_holds(db::connection& db, const outgoing_message& message)
{
  if (message.kind != "loan_due" && message.kind != "loan_overdue") return true;
  return db.query_int(
             "SELECT EXISTS (SELECT 1 FROM loans WHERE status = 'active' AND ?1 = ?2 || ':' || id || ':' || due_at)",
             message.event, message.kind) == 1;
}

void withdraw_loan_reminders(db::connection& db, const actor& who, unix_seconds now, std::int64_t loan_id)
{
  // The event names the loan and its due date (see queue_borrower_reminders).
  const auto loan = ":" + std::to_string(loan_id) + ":%";
  auto& waiting = db.query(
      "SELECT id, status FROM outbox WHERE status IN ('pending', 'failed') AND kind IN ('loan_due', 'loan_overdue') "
      "AND (event LIKE 'loan_due' || ?1 OR event LIKE 'loan_overdue' || ?1)",
      loan);
  std::vector<std::pair<std::int64_t, std::string>> withdrawn;
  while (waiting.step()) withdrawn.emplace_back(waiting.get_int(0), waiting.get_text(1));
  waiting.reset();
  for (const auto& [id, status] : withdrawn) {
    db.run("UPDATE outbox SET status = 'withdrawn' WHERE id = ?1", id);
    record_audit(db, who, now, "withdraw", "outbox", std::to_string(id), nlohmann::json{{"status", status}},
                 nlohmann::json{{"status", "withdrawn"}});
  }
}

int queue_service_reminders(db::connection& db, unix_seconds now)
{
  int queued = 0;
  for (const auto& due : services_due(db, std::nullopt, now)) {
    const bool overdue = due.state == service_state::due;
    const std::string kind = overdue ? "service_overdue" : "service_due_soon";
    // The count a service is on: since it was last done, or since its component came into service.
    const auto count = std::to_string(due.last_done_at.value_or(0)) + ":" + std::to_string(due.component_id.value_or(0));
    auto facts = service_measures(due);
    facts["bike_tag"] = due.asset_tag;
    facts["model"] = due.model;
    facts["service"] = due.kind;
    facts["site"] = site_name(db, due.site_id);
    facts["last_done_at"] = due.last_done_at ? nlohmann::json(iso8601(*due.last_done_at)) : nlohmann::json(nullptr);
    for (const auto& technician : users_to_tell(db, "technician", due.site_id)) {
      facts["name"] = technician.name;
      queued += queue_message(db, now,
                              {kind + ":" + std::to_string(due.bike_id) + ":" + due.kind + ":" + count, kind,
                               technician.address, technician.label, false, facts})
                    ? 1
                    : 0;
    }
  }
  return queued;
}

outcome<bool> email_reminders_of(db::connection& db, std::int64_t staff_id)
{
  auto& row = db.query("SELECT email_reminders FROM staff WHERE id = ?1", staff_id);
  if (!row.step()) {
    row.reset();
    return not_found("staff_not_found", "no staff member has that id", "id");
  }
  const bool enabled = row.get_int(0) != 0;
  row.reset();
  return enabled;
}

outcome<done> set_email_reminders(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                  bool enabled)
{
  auto& row = db.query("SELECT email_reminders FROM staff WHERE id = ?1", staff_id);
  if (!row.step()) {
    row.reset();
    return not_found("staff_not_found", "no staff member has that id", "id");
  }
  const bool before = row.get_int(0) != 0;
  row.reset();
  db.run("UPDATE staff SET email_reminders = ?2 WHERE id = ?1", staff_id, enabled ? 1 : 0);
  record_audit(db, who, now, "staff.email_reminders", "staff", std::to_string(staff_id),
               nlohmann::json{{"email_reminders", before}}, nlohmann::json{{"email_reminders", enabled}});
  return done{};
}

}  // namespace pedalpower::domain
