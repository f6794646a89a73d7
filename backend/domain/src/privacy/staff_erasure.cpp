#include "pedalpower/domain/staff_erasure.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/subject_access.hpp"
#include "privacy/staff_positions.hpp"
#include "telematics/window_reduction.hpp"

namespace pedalpower::domain {
namespace {

/// What the erased record's kiosk label becomes wherever it was written.
constexpr std::string_view erased_actor_part = "/staff:erased/";

/// Keys whose values name or reach a person, wherever they appear in an audited state or a message.
constexpr std::array<std::string_view, 6> identifying_keys{"staff_number", "name", "email", "department", "badge_id",
                                                           "induction_date"};

/// Tables and columns that hold actor labels, where a kiosk wrote who it acted for.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> actor_columns{{{"loans", "created_by"},
                                                                                      {"fault_reports", "reported_by"},
                                                                                      {"work_orders", "reported_by"},
                                                                                      {"work_order_events", "actor"},
                                                                                      {"audit_log", "actor"}}};

struct person {
  std::string staff_number;
  std::string email;
  bool active = false;
  bool erased = false;
};

std::optional<person> find_person(db::connection& db, std::int64_t staff_id)
{
  auto& row = db.query("SELECT staff_number, email, active, erased_at IS NOT NULL FROM staff WHERE id = ?1", staff_id);
  if (!row.step()) return std::nullopt;
  person found{row.get_text(0), row.get_text(1), row.get_int(2) != 0, row.get_int(3) != 0};
  row.reset();
  return found;
}

template <typename... Args>
bool exists(db::connection& db, std::string_view sql, const Args&... args)
{
  auto& row = db.query(sql, args...);
  const bool found = row.step();
  row.reset();
  return found;
}

void strip_identifying(nlohmann::json& value)
{
  if (value.is_object()) {
    for (const auto key : identifying_keys) value.erase(std::string(key));
    for (auto& [key, inner] : value.items()) strip_identifying(inner);
  } else if (value.is_array()) {
    for (auto& inner : value) strip_identifying(inner);
  }
}

std::optional<std::string> stripped(const std::optional<std::string>& recorded)
{
  if (!recorded) return std::nullopt;
  auto value = nlohmann::json::parse(*recorded, nullptr, false);
  if (value.is_discarded()) return std::string("{}");
  strip_identifying(value);
  return value.dump();
}

std::int64_t redact_audit_rows(db::connection& db, std::int64_t staff_id, const person& who)
{
  struct row_state {
    std::int64_t id;
    std::optional<std::string> before;
    std::optional<std::string> after;
  };
  std::vector<row_state> rows;
  auto& found = db.query(std::string("SELECT id, before, after FROM audit_log WHERE ") + audit_rows_about_staff,
                         std::to_string(staff_id), staff_id, kiosk_actor_part(who.staff_number));
  while (found.step()) rows.push_back({found.get_int(0), found.get_optional_text(1), found.get_optional_text(2)});
  for (const auto& row : rows) {
    db.run("UPDATE audit_log SET before = ?2, after = ?3 WHERE id = ?1", row.id, stripped(row.before), stripped(row.after));
  }
  return static_cast<std::int64_t>(rows.size());
}

void rewrite_actor_labels(db::connection& db, const person& who)
{
  const auto part = kiosk_actor_part(who.staff_number);
  for (const auto& [table, column] : actor_columns) {
    const std::string col(column);
    db.run("UPDATE " + std::string(table) + " SET " + col + " = replace(" + col + ", ?1, ?2) WHERE instr(" + col +
               ", ?1) > 0",
           part, erased_actor_part);
  }
}

/// Coordinators' overdue digests listed the person by number and name.
void scrub_digests(db::connection& db, const person& who)
{
  std::vector<std::pair<std::int64_t, std::string>> digests;
  auto& found = db.query("SELECT id, facts FROM outbox WHERE kind = 'overdue_digest' AND instr(facts, ?1) > 0",
                         who.staff_number);
  while (found.step()) digests.emplace_back(found.get_int(0), found.get_text(1));
  for (auto& [id, text] : digests) {
    auto facts = nlohmann::json::parse(text, nullptr, false);
    if (facts.is_discarded() || !facts.contains("loans")) continue;
    for (auto& listed : facts["loans"]) {
      if (listed.value("staff_number", "") == who.staff_number) strip_identifying(listed);
    }
    db.run("UPDATE outbox SET facts = ?2 WHERE id = ?1", id, facts.dump());
  }
}

std::int64_t delete_rows(db::connection& db, std::string_view sql, std::int64_t staff_id)
{
  return db.run(sql, staff_id);
}

}  // namespace

void to_json(nlohmann::json& out, const erasure_summary& value)
{
  out = {{"staff_id", value.staff_id},
         {"erased_at", value.erased_at},
         {"loans_kept", value.loans_kept},
         {"trips_summarised", value.trips_summarised},
         {"positions_deleted", value.positions_deleted},
         {"waitlist_entries_deleted", value.waitlist_entries_deleted},
         {"reservations_deleted", value.reservations_deleted},
         {"kiosk_identifications_deleted", value.kiosk_identifications_deleted},
         {"outbox_messages_deleted", value.outbox_messages_deleted},
         {"audit_entries_redacted", value.audit_entries_redacted}};
}

outcome<erasure_summary> erase_staff(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id)
{
  const auto found = find_person(db, staff_id);
  if (!found) return not_found("staff_not_found", "there is no staff member " + std::to_string(staff_id));
  if (found->erased) return conflict("staff_already_erased", "this staff member's record was already erased");
  if (found->active) {
    return conflict("staff_still_active",
                    "deactivate this staff member first (they have left): only a former member of staff is erased");
  }
  if (exists(db, "SELECT 1 FROM loans WHERE staff_id = ?1 AND status = 'active'", staff_id)) {
    return conflict("staff_has_loan", "this staff member still has a bike on loan: take it back or mark it lost first");
  }
  // A hold past its time still has its bike reserved until the next settling pass frees it.
  if (exists(db, "SELECT 1 FROM reservations WHERE staff_id = ?1 AND status = 'held'", staff_id)) {
    return conflict("staff_has_reservation",
                    "a bike is held for this staff member: cancel the hold or let it lapse first");
  }

  db::savepoint unit(db, "erase_staff");
  erasure_summary summary;
  summary.staff_id = staff_id;
  summary.erased_at = iso8601(now);
  // First, while the rows that tie audit entries to the person still exist.
  summary.audit_entries_redacted = redact_audit_rows(db, staff_id, found.value());
  rewrite_actor_labels(db, found.value());

  for (const auto& borrowed : borrowed_windows(db, staff_id)) {
    const auto reduced = reduce_window_now(db, now, borrowed.bike_id, borrowed.window);
    summary.trips_summarised += static_cast<std::int64_t>(reduced.trips_summarised);
    summary.positions_deleted += static_cast<std::int64_t>(reduced.positions_deleted);
  }

  delete_rows(db,
              "DELETE FROM workshop_reservation_outcomes WHERE staff_id = ?1"
              " OR reservation_id IN (SELECT id FROM reservations WHERE staff_id = ?1)"
              " OR new_reservation_id IN (SELECT id FROM reservations WHERE staff_id = ?1)",
              staff_id);
  summary.reservations_deleted = delete_rows(db, "DELETE FROM reservations WHERE staff_id = ?1", staff_id);
  summary.waitlist_entries_deleted = delete_rows(db, "DELETE FROM waitlist_entries WHERE staff_id = ?1", staff_id);
  summary.kiosk_identifications_deleted =
      delete_rows(db, "DELETE FROM kiosk_identifications WHERE staff_id = ?1", staff_id);
  delete_rows(db, "DELETE FROM pin_lockouts WHERE staff_id = ?1", staff_id);
  delete_rows(db, "DELETE FROM staff_privacy_zones WHERE staff_id = ?1", staff_id);
  summary.outbox_messages_deleted =
      delete_rows(db, "DELETE FROM outbox WHERE recipient_label = 'staff:' || ?1", staff_id);
  scrub_digests(db, found.value());
  db.run("UPDATE kiosk_exceptions SET payload = '{}' WHERE staff_id = ?1", staff_id);
  // A stored answer may carry the person's number or address. Without it a repeat of that request
  // runs afresh, and is refused: nobody acts for an inactive, erased record.
  db.run("DELETE FROM idempotency_keys WHERE instr(response_body, ?1) > 0 OR (?2 <> '\"\"' AND instr(response_body, ?2) > 0)",
         nlohmann::json(found->staff_number).dump(), nlohmann::json(found->email).dump());

  db.run("UPDATE staff SET staff_number = 'erased:' || id, name = 'Erased staff member', email = '', department = '',"
         " badge_id = NULL, pin_hash = NULL, induction_date = NULL, email_reminders = 0, active = 0,"
         " erased_at = ?2, updated_at = ?2 WHERE id = ?1",
         staff_id, now);
  auto& loans = db.query("SELECT count(*) FROM loans WHERE staff_id = ?1", staff_id);
  loans.step();
  summary.loans_kept = loans.get_int(0);
  loans.reset();

  record_audit(db, who, now, "staff.erase", "staff", std::to_string(staff_id), std::nullopt, nlohmann::json(summary));
  unit.commit();
  return summary;
}

}  // namespace pedalpower::domain
