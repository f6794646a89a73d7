#include "pedalpower/kiosk/staff_cache.hpp"

#include "pedalpower/db/connection.hpp"

namespace pedalpower::kiosk {

staff_cache::staff_cache(db::connection& database, offline_identity_rules rules, scrypt_cost cost)
    : db_(database), rules_(rules), cost_(cost)
{
}

void staff_cache::remember(const cached_staff& person, std::string_view pin, unix_seconds now)
{
  if (person.offline_proof.empty()) {
    db_.run("DELETE FROM cached_staff WHERE staff_id = ?1", person.staff_id);
    return;
  }
  // A badge or staff number held by an older entry belongs to this person now.
  db_.run("DELETE FROM cached_staff WHERE staff_id <> ?1 AND (staff_number = ?2 OR badge_id = ?3)", person.staff_id,
          person.staff_number, person.badge_id);
  db_.run(
      "INSERT INTO cached_staff (staff_id, staff_number, badge_id, name, pin_hash, allowance, verified_at, "
      "offline_proof) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT (staff_id) DO UPDATE SET staff_number = excluded.staff_number, "
      "badge_id = COALESCE(excluded.badge_id, badge_id), name = excluded.name, pin_hash = excluded.pin_hash, "
      "allowance = excluded.allowance, verified_at = excluded.verified_at, offline_proof = excluded.offline_proof, "
      "failures = 0",
      person.staff_id, person.staff_number, person.badge_id, person.name, hash_secret(pin, cost_),
      person.allowance.dump(), now, person.offline_proof);
}

void staff_cache::update_allowance(std::int64_t staff_id, const nlohmann::json& allowance)
{
  db_.run("UPDATE cached_staff SET allowance = ?2 WHERE staff_id = ?1", staff_id, allowance.dump());
}

void staff_cache::add_active_loans(std::int64_t staff_id, int change)
{
  db_.run(
      "UPDATE cached_staff SET allowance = json_set(allowance, '$.active_loans', "
      "MAX(0, COALESCE(json_extract(allowance, '$.active_loans'), 0) + ?2)) WHERE staff_id = ?1",
      staff_id, change);
}

namespace {

cached_staff read_person(const db::statement& row)
{
  return {row.get_int(0), row.get_text(1), row.get_optional_text(2), row.get_text(3),
          nlohmann::json::parse(row.get_text(5)), row.get_int(6), row.get_text(7)};
}

}  // namespace

std::optional<cached_staff> staff_cache::find(std::int64_t staff_id, unix_seconds now)
{
  forget_expired(now);
  auto& row = db_.query(
      "SELECT staff_id, staff_number, badge_id, name, pin_hash, allowance, verified_at, offline_proof FROM cached_staff "
      "WHERE staff_id = ?1",
      staff_id);
  std::optional<cached_staff> found;
  if (row.step()) found = read_person(row);
  row.reset();
  return found;
}

pedalpower::outcome<cached_staff> staff_cache::verify(const staff_identifier& who, std::string_view pin, unix_seconds now)
{
  forget_expired(now);
  auto& row = db_.query(
      "SELECT staff_id, staff_number, badge_id, name, pin_hash, allowance, verified_at, offline_proof, failures "
      "FROM cached_staff WHERE (?1 IS NOT NULL AND staff_number = ?1) OR (?2 IS NOT NULL AND badge_id = ?2)",
      who.staff_number, who.badge_id);
  if (!row.step()) {
    row.reset();
    return pedalpower::not_found("offline_unknown_staff",
                             "The bike store's server cannot be reached, and this kiosk has not seen you recently. "
                             "Please try again when the connection is back.");
  }
  const auto person = read_person(row);
  const auto stored_hash = row.get_text(4);
  const auto failures = static_cast<int>(row.get_int(8));
  row.reset();

  if (verify_secret(pin, stored_hash)) {
    db_.run("UPDATE cached_staff SET failures = 0 WHERE staff_id = ?1", person.staff_id);
    return person;
  }
  if (failures + 1 >= rules_.max_failures) {
    db_.run("DELETE FROM cached_staff WHERE staff_id = ?1", person.staff_id);
    return pedalpower::refused("offline_identity_erased",
                           "That PIN is wrong. Too many wrong PINs: you can sign in again when the connection is back.",
                           "pin");
  }
  db_.run("UPDATE cached_staff SET failures = failures + 1 WHERE staff_id = ?1", person.staff_id);
  const int left = rules_.max_failures - failures - 1;
  return pedalpower::refused("wrong_pin",
                         "That PIN is wrong. " + std::to_string(left) + (left == 1 ? " try" : " tries") + " left.",
                         "pin");
}

int staff_cache::forget_expired(unix_seconds now)
{
  return db_.run("DELETE FROM cached_staff WHERE verified_at < ?1", now - rules_.max_age_seconds);
}

}  // namespace pedalpower::kiosk
