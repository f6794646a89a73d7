#include "pedalpower/domain/staff_pins.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/kiosk_identifications.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::domain {
namespace {

/// A staff member's PIN counters at one kiosk.
struct pin_lockout {
  std::int64_t failures = 0;
  unix_seconds locked_until = 0;
  std::int64_t locks = 0;
};

pin_lockout read_lockout(db::connection& db, std::int64_t staff_id, std::int64_t device_id)
{
  auto& row = db.query("SELECT failures, locked_until, locks FROM pin_lockouts WHERE staff_id = ?1 AND device_id = ?2",
                       staff_id, device_id);
  pin_lockout state;
  if (row.step()) state = {row.get_int(0), row.get_int(1), row.get_int(2)};
  row.reset();
  return state;
}

std::optional<std::string> stored_pin_hash(db::connection& db, std::int64_t staff_id)
{
  auto& row = db.query("SELECT pin_hash FROM staff WHERE id = ?1", staff_id);
  std::optional<std::string> hash;
  if (row.step()) hash = row.get_optional_text(0);
  row.reset();
  return hash;
}

// One member for the lock at one kiosk, so an audit row that keeps only what changed still names
// the kiosk.
nlohmann::json audit_state(std::int64_t device_id, const pin_lockout& state)
{
  return {{"pin_lock",
           {{"device_id", device_id},
            {"failures", state.failures},
            {"locked_until", state.locked_until},
            {"locks", state.locks}}}};
}

std::int64_t lock_seconds(std::int64_t earlier_locks)
{
  std::int64_t seconds = pin_lock_seconds;
  for (std::int64_t i = 0; i < earlier_locks && seconds < longest_pin_lock_seconds; ++i) seconds *= 2;
  return std::min(seconds, longest_pin_lock_seconds);
}

}  // namespace

problem identification_failed()
{
  return {problem_kind::unauthenticated, "identification_failed",
          "That staff number and PIN do not match, or the PIN is locked at this kiosk after too many tries. "
          "Try again, use your badge, or ask a scheme coordinator.",
          "pin"};
}

std::optional<problem> check_new_pin(std::string_view pin)
{
  const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (pin.size() < 4 || pin.size() > 8 || !digits) return invalid("pin", "a PIN is 4 to 8 digits", "invalid_pin");
  return std::nullopt;
}

outcome<done> set_staff_pin(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                            const std::string& pin_hash)
{
  if (!find_staff(db, staff_id)) {
    return not_found("staff_not_found", "there is no staff member with id " + std::to_string(staff_id), "id");
  }
  const bool had_pin = stored_pin_hash(db, staff_id).has_value();
  db.run("UPDATE staff SET pin_hash = ?2, updated_at = ?3 WHERE id = ?1", staff_id, pin_hash, now);
  db.run("DELETE FROM pin_lockouts WHERE staff_id = ?1", staff_id);
  forget_kiosk_identifications_of(db, staff_id);
  record_audit(db, who, now, "set_pin", "staff", std::to_string(staff_id), nlohmann::json{{"pin_set", had_pin}},
               nlohmann::json{{"pin_set", true}});
  return done{};
}

outcome<staff_member> set_staff_badge(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                      std::optional<std::string> badge_id)
{
  auto current = find_staff(db, staff_id);
  if (!current) return current;
  auto desired = current.value();
  if (badge_id) badge_id = trimmed(*badge_id);
  desired.badge_id = badge_id && !badge_id->empty() ? badge_id : std::nullopt;
  auto updated = update_staff(db, who, now, staff_id, std::move(desired));
  // The record's audit says only whether a badge is set, so one badge swapped for another needs its own entry.
  if (updated && current->badge_id && updated->badge_id && current->badge_id != updated->badge_id) {
    record_audit(db, who, now, "staff.badge_replaced", "staff", std::to_string(staff_id),
                 nlohmann::json{{"badge", "set"}}, nlohmann::json{{"badge", "replaced"}});
  }
  return updated;
}

pin_challenge begin_pin_check(db::connection& db, const std::string& staff_number, std::int64_t device_id,
                              unix_seconds now)
{
  const pin_challenge nobody{std::nullopt, decoy_hash()};
  auto found = find_staff_by_number(db, staff_number);
  if (!found || !found->active) return nobody;
  const auto hash = stored_pin_hash(db, found->id);
  if (!hash || read_lockout(db, found->id, device_id).locked_until > now) return nobody;
  return {std::move(found).value(), *hash};
}

outcome<staff_member> finish_pin_check(db::connection& db, const actor& who, unix_seconds now, std::int64_t device_id,
                                       const pin_challenge& challenge, bool matched)
{
  if (!challenge.member) return identification_failed();
  const auto staff_id = challenge.member->id;
  const auto before = read_lockout(db, staff_id, device_id);
  // Another attempt may have locked the PIN here while this one was being compared.
  if (before.locked_until > now) return identification_failed();
  const auto entity_id = std::to_string(staff_id);

  if (matched) {
    if (before.failures > 0 || before.locks > 0) {
      db.run("DELETE FROM pin_lockouts WHERE staff_id = ?1 AND device_id = ?2", staff_id, device_id);
      record_audit(db, who, now, "pin_accepted", "staff", entity_id, audit_state(device_id, before),
                   audit_state(device_id, {}));
    }
    return find_staff(db, staff_id);
  }

  pin_lockout after = before;
  after.failures = before.failures + 1;
  const bool locks = after.failures >= pin_failures_before_lock;
  if (locks) {
    // The count starts again once the lock has run out.
    after.failures = 0;
    after.locked_until = now + lock_seconds(before.locks);
    after.locks = before.locks + 1;
  }
  db.run("INSERT INTO pin_lockouts (staff_id, device_id, failures, locked_until, locks) VALUES (?1, ?2, ?3, ?4, ?5) "
         "ON CONFLICT (staff_id, device_id) DO UPDATE SET failures = excluded.failures, "
         "locked_until = excluded.locked_until, locks = excluded.locks",
         staff_id, device_id, after.failures, after.locked_until, after.locks);
  record_audit(db, who, now, locks ? "pin_locked" : "pin_failed", "staff", entity_id, audit_state(device_id, before),
               audit_state(device_id, after));
  return identification_failed();
}

outcome<staff_member> identify_by_badge(db::connection& db, const std::string& badge_id)
{
  auto& row = db.query("SELECT id FROM staff WHERE badge_id = ?1", badge_id);
  const auto staff_id = row.step() ? std::optional(row.get_int(0)) : std::nullopt;
  row.reset();
  if (!staff_id) return problem{problem_kind::unauthenticated, "identification_failed", "this badge is not known", "badge_id"};
  auto found = find_staff(db, *staff_id);
  if (found && !found->active) return refused("staff_inactive", "this staff member is not active in the scheme");
  return found;
}

}  // namespace pedalpower::domain
