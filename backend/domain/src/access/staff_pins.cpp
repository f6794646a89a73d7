#include "pedalpower/domain/staff_pins.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/text_fields.hpp"

namespace pedalpower::domain {
namespace {

struct pin_state {
  std::optional<std::string> pin_hash;
  std::int64_t failures = 0;
  unix_seconds locked_until = 0;
};

std::optional<pin_state> read_pin_state(db::connection& db, std::int64_t staff_id)
{
  auto& row = db.query("SELECT pin_hash, pin_failures, pin_locked_until FROM staff WHERE id = ?1", staff_id);
  if (!row.step()) return std::nullopt;
  pin_state state{row.get_optional_text(0), row.get_int(1), row.get_int(2)};
  row.reset();
  return state;
}

problem identification_failed()
{
  return not_found("identification_failed", "that staff number and PIN do not match", "pin");
}

problem pin_locked(unix_seconds until, unix_seconds now)
{
  const auto minutes = std::max<std::int64_t>(1, (until - now + 59) / 60);
  return refused("pin_locked",
                 "too many wrong PINs: try again in " + std::to_string(minutes) + " minute" + (minutes == 1 ? "" : "s") +
                     ", or use your badge",
                 "pin");
}

nlohmann::json audit_state(const pin_state& state)
{
  return {{"pin_set", state.pin_hash.has_value()},
          {"pin_failures", state.failures},
          {"pin_locked_until", state.locked_until}};
}

}  // namespace

std::optional<problem> check_new_pin(std::string_view pin)
{
  const bool digits = std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (pin.size() < 4 || pin.size() > 8 || !digits) return invalid("pin", "a PIN is 4 to 8 digits", "invalid_pin");
  return std::nullopt;
}

outcome<done> set_staff_pin(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                            const std::string& pin_hash)
{
  const auto before = read_pin_state(db, staff_id);
  if (!before) return not_found("staff_not_found", "there is no staff member with id " + std::to_string(staff_id), "id");
  db.run("UPDATE staff SET pin_hash = ?2, pin_failures = 0, pin_locked_until = 0, updated_at = ?3 WHERE id = ?1",
         staff_id, pin_hash, now);
  record_audit(db, who, now, "set_pin", "staff", std::to_string(staff_id), audit_state(*before),
               audit_state({pin_hash, 0, 0}));
  return done{};
}

outcome<staff_member> set_staff_badge(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                      std::optional<std::string> badge_id)
{
  auto current = find_staff(db, staff_id);
  if (!current) return current;
  auto desired = std::move(current).value();
  if (badge_id) badge_id = trimmed(*badge_id);
  desired.badge_id = badge_id && !badge_id->empty() ? badge_id : std::nullopt;
  return update_staff(db, who, now, staff_id, std::move(desired));
}

pin_step<pin_challenge> begin_pin_check(db::connection& db, const std::string& staff_number, unix_seconds now)
{
  auto found = find_staff_by_number(db, staff_number);
  if (!found) return {identification_failed()};
  if (!found->active) return {refused("staff_inactive", "this staff member is not active in the scheme")};
  const auto state = read_pin_state(db, found->id);
  if (!state || !state->pin_hash) {
    return {refused("pin_not_set", "no PIN has been set yet: ask a scheme coordinator, or use your badge", "pin")};
  }
  if (state->locked_until > now) return {pin_locked(state->locked_until, now), state->locked_until};
  return {pin_challenge{std::move(found).value(), *state->pin_hash}};
}

pin_step<staff_member> finish_pin_check(db::connection& db, const actor& who, unix_seconds now, std::int64_t staff_id,
                                        bool matched)
{
  const auto before = read_pin_state(db, staff_id);
  if (!before) return {identification_failed()};
  // Another attempt may have locked the PIN while this one was being compared.
  if (before->locked_until > now) return {pin_locked(before->locked_until, now), before->locked_until};
  const auto entity_id = std::to_string(staff_id);

  if (matched) {
    if (before->failures > 0) {
      db.run("UPDATE staff SET pin_failures = 0 WHERE id = ?1", staff_id);
      record_audit(db, who, now, "pin_accepted", "staff", entity_id, audit_state(*before),
                   audit_state({before->pin_hash, 0, before->locked_until}));
    }
    return {find_staff(db, staff_id)};
  }

  pin_state after = *before;
  after.failures = before->failures + 1;
  const bool locks = after.failures >= pin_failures_before_lock;
  if (locks) {
    // The count starts again once the lock has run out.
    after.failures = 0;
    after.locked_until = now + pin_lock_seconds;
  }
  db.run("UPDATE staff SET pin_failures = ?2, pin_locked_until = ?3 WHERE id = ?1", staff_id, after.failures,
         after.locked_until);
  record_audit(db, who, now, locks ? "pin_locked" : "pin_failed", "staff", entity_id, audit_state(*before),
               audit_state(after));
  if (locks) return {pin_locked(after.locked_until, now), after.locked_until};
  return {identification_failed()};
}

outcome<staff_member> identify_by_badge(db::connection& db, const std::string& badge_id)
{
  auto& row = db.query("SELECT id FROM staff WHERE badge_id = ?1", badge_id);
  const auto staff_id = row.step() ? std::optional(row.get_int(0)) : std::nullopt;
  row.reset();
  if (!staff_id) return not_found("identification_failed", "this badge is not known", "badge_id");
  auto found = find_staff(db, *staff_id);
  if (found && !found->active) return refused("staff_inactive", "this staff member is not active in the scheme");
  return found;
}

}  // namespace pedalpower::domain
