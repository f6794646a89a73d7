#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/kiosk_identifications.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/staff_pins.hpp"
#include "cheap_scrypt.hpp"
#include "migrated_database.hpp"
#include "temp_database.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds start = 1'700'000'000;
const actor coordinator{"user:1:cora"};
const actor kiosk{"device:1:kiosk-bas"};

struct staff_with_pin : migrated_database {
  std::int64_t staff_id = 0;
  std::int64_t kiosk_id = 0;
  std::int64_t other_kiosk_id = 0;

  staff_with_pin()
  {
    db.run("INSERT INTO sites (code, name, created_at) VALUES ('BAS', 'Basildon', 1)");
    for (const auto* name : {"kiosk-bas", "kiosk-bas-2"}) {
      db.run("INSERT INTO devices (name, role, site_id, token_hash, created_at) VALUES (?1, 'kiosk', 1, ?1, 1)", name);
    }
    kiosk_id = 1;
    other_kiosk_id = 2;
    db.run("INSERT INTO staff(staff_number, name, pay_band, created_at, updated_at) VALUES ('S100', 'Sam', '3', ?1, ?1)",
           start);
    staff_id = db.last_insert_rowid();
    REQUIRE(set_staff_pin(db, coordinator, start, staff_id, hash_secret("2468", cheap_scrypt_cost)));
  }

  /// Both steps of a kiosk PIN check, as the kiosk route runs them.
  outcome<staff_member> try_pin(const std::string& pin, unix_seconds now, const std::string& number = "S100")
  {
    return try_pin_at(kiosk_id, pin, now, number);
  }

  outcome<staff_member> try_pin_at(std::int64_t device, const std::string& pin, unix_seconds now,
                                   const std::string& number = "S100")
  {
    const auto challenge = begin_pin_check(db, number, device, now);
    return finish_pin_check(db, kiosk, now, device, challenge, verify_secret(pin, challenge.pin_hash));
  }

  void lock_at(std::int64_t device, unix_seconds now)
  {
    for (int i = 0; i < pin_failures_before_lock; ++i) REQUIRE_FALSE(try_pin_at(device, "1111", now));
  }
};

void check_same_refusal(const outcome<staff_member>& refused, const outcome<staff_member>& wrong_pin)
{
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == wrong_pin.error().code);
  CHECK(refused.error().message == wrong_pin.error().message);
  CHECK(refused.error().field == wrong_pin.error().field);
  CHECK(refused.error().kind == wrong_pin.error().kind);
}

}  // namespace

TEST_CASE("a PIN is 4 to 8 digits")
{
  CHECK_FALSE(check_new_pin("1234"));
  CHECK_FALSE(check_new_pin("12345678"));
  CHECK(check_new_pin("123")->code == "invalid_pin");
  CHECK(check_new_pin("123456789"));
  CHECK(check_new_pin("12a4"));
  CHECK(check_new_pin(""));
}

TEST_CASE("the right PIN identifies the staff member")
{
  staff_with_pin data;
  const auto attempt = data.try_pin("2468", start);
  REQUIRE(attempt);
  CHECK(attempt->staff_number == "S100");
  CHECK(attempt->name == "Sam");
}

TEST_CASE("an unknown number, no PIN, an inactive member and a lock are all refused as a wrong PIN is")
{
  staff_with_pin data;
  const auto wrong = data.try_pin("1111", start);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == "identification_failed");

  check_same_refusal(data.try_pin("1111", start, "S999"), wrong);
  data.db.run("INSERT INTO staff(staff_number, name, pay_band, created_at, updated_at) VALUES ('S200', 'Pat', '2', ?1, ?1)",
              start);
  check_same_refusal(data.try_pin("1111", start, "S200"), wrong);
  data.lock_at(data.kiosk_id, start);
  check_same_refusal(data.try_pin("2468", start + 1), wrong);
  data.db.run("DELETE FROM pin_lockouts");
  data.db.run("UPDATE staff SET active = 0 WHERE staff_number = 'S100'");
  check_same_refusal(data.try_pin("2468", start + 2), wrong);
}

TEST_CASE("every refused check compares the PIN with a hash as costly as a real one")
{
  staff_with_pin data;
  const auto unknown = begin_pin_check(data.db, "S999", data.kiosk_id, start);
  CHECK_FALSE(unknown.member);
  CHECK(unknown.pin_hash == decoy_hash());
  data.lock_at(data.kiosk_id, start);
  const auto locked = begin_pin_check(data.db, "S100", data.kiosk_id, start + 1);
  CHECK_FALSE(locked.member);
  CHECK(locked.pin_hash == decoy_hash());
}

TEST_CASE("five wrong PINs lock the PIN for 15 minutes at that kiosk only")
{
  staff_with_pin data;
  data.lock_at(data.kiosk_id, start);
  CHECK_FALSE(data.try_pin("2468", start + 1));
  CHECK_FALSE(data.try_pin("2468", start + 15 * 60 - 1));
  CHECK(data.try_pin_at(data.other_kiosk_id, "2468", start + 1));
  CHECK(data.try_pin("2468", start + 15 * 60));
}

TEST_CASE("each further lock at a kiosk lasts twice as long, up to a day, until the right PIN")
{
  staff_with_pin data;
  data.lock_at(data.kiosk_id, start);
  auto now = start + 15 * 60;
  data.lock_at(data.kiosk_id, now);
  CHECK_FALSE(data.try_pin("2468", now + 30 * 60 - 1));
  now += 30 * 60;
  data.lock_at(data.kiosk_id, now);
  CHECK_FALSE(data.try_pin("2468", now + 60 * 60 - 1));
  now += 60 * 60;
  for (int i = 0; i < 10; ++i) {
    data.lock_at(data.kiosk_id, now);
    now += longest_pin_lock_seconds;
  }
  REQUIRE(data.try_pin("2468", now));
  data.lock_at(data.kiosk_id, now);
  CHECK(data.try_pin("2468", now + 15 * 60));
}

TEST_CASE("the right PIN clears earlier failures")
{
  staff_with_pin data;
  for (int i = 0; i < 4; ++i) data.try_pin("1111", start);
  REQUIRE(data.try_pin("2468", start));
  for (int i = 0; i < 4; ++i) CHECK_FALSE(data.try_pin("1111", start));
  CHECK(data.try_pin("2468", start));
}

TEST_CASE("a right PIN compared while other attempts locked it is still refused")
{
  staff_with_pin data;
  const auto challenge = begin_pin_check(data.db, "S100", data.kiosk_id, start);
  REQUIRE(challenge.member);
  data.lock_at(data.kiosk_id, start);
  CHECK_FALSE(finish_pin_check(data.db, kiosk, start, data.kiosk_id, challenge, true));
}

TEST_CASE("failed PIN attempts and the lock are audited with the kiosk, without the PIN")
{
  staff_with_pin data;
  data.lock_at(data.kiosk_id, start);
  auto& rows = data.db.query("SELECT action, actor, after FROM audit_log WHERE entity = 'staff' ORDER BY id");
  std::vector<std::string> actions;
  while (rows.step()) {
    actions.push_back(rows.get_text(0));
    CHECK(rows.get_text(2).find("2468") == std::string::npos);
    CHECK(rows.get_text(2).find("scrypt") == std::string::npos);
    if (actions.back() != "set_pin") CHECK(nlohmann::json::parse(rows.get_text(2)).at("pin_lock").at("device_id") == data.kiosk_id);
  }
  rows.reset();
  CHECK(actions == std::vector<std::string>{"set_pin", "pin_failed", "pin_failed", "pin_failed", "pin_failed", "pin_locked"});
}

TEST_CASE("setting a PIN clears every kiosk's lock and the proofs of earlier identifications")
{
  staff_with_pin data;
  data.lock_at(data.kiosk_id, start);
  const auto proof = record_kiosk_identification(data.db, start, data.other_kiosk_id, data.staff_id);
  REQUIRE(staff_of_offline_proof(data.db, proof.token, data.other_kiosk_id, start) == data.staff_id);
  REQUIRE(set_staff_pin(data.db, coordinator, start + 1, data.staff_id, hash_secret("9753", cheap_scrypt_cost)));
  CHECK(data.try_pin("9753", start + 2));
  CHECK_FALSE(staff_of_offline_proof(data.db, proof.token, data.other_kiosk_id, start + 2));
  CHECK(set_staff_pin(data.db, coordinator, start, 999, "x").error().code == "staff_not_found");
}

TEST_CASE("an identification proof names its person only at its kiosk, for fourteen days")
{
  staff_with_pin data;
  const auto proof = record_kiosk_identification(data.db, start, data.kiosk_id, data.staff_id);
  CHECK(proof.valid_until == start + 14 * seconds_per_day);
  CHECK(staff_of_offline_proof(data.db, proof.token, data.kiosk_id, proof.valid_until - 1) == data.staff_id);
  CHECK_FALSE(staff_of_offline_proof(data.db, proof.token, data.other_kiosk_id, start));
  CHECK_FALSE(staff_of_offline_proof(data.db, "made-up", data.kiosk_id, start));
  CHECK_FALSE(staff_of_offline_proof(data.db, proof.token, data.kiosk_id, proof.valid_until));
  auto& stored = data.db.query("SELECT COUNT(*) FROM kiosk_identifications WHERE proof_digest = ?1", proof.token);
  stored.step();
  CHECK(stored.get_int(0) == 0);
  stored.reset();
}

TEST_CASE("a badge identifies its holder, and a badge belongs to one person")
{
  staff_with_pin data;
  REQUIRE(set_staff_badge(data.db, coordinator, start, data.staff_id, std::string(" BADGE-7 ")));
  const auto found = identify_by_badge(data.db, "BADGE-7");
  REQUIRE(found);
  CHECK(found->id == data.staff_id);
  CHECK(identify_by_badge(data.db, "BADGE-8").error().code == "identification_failed");

  data.db.run("INSERT INTO staff(staff_number, name, pay_band, created_at, updated_at) VALUES ('S200', 'Pat', '2', ?1, ?1)",
              start);
  const auto other = data.db.last_insert_rowid();
  CHECK(set_staff_badge(data.db, coordinator, start, other, std::string("BADGE-7")).error().code == "badge_taken");

  REQUIRE(set_staff_badge(data.db, coordinator, start, data.staff_id, std::nullopt));
  CHECK(identify_by_badge(data.db, "BADGE-7").error().code == "identification_failed");
}

TEST_CASE("an inactive staff member's badge does not identify them")
{
  staff_with_pin data;
  REQUIRE(set_staff_badge(data.db, coordinator, start, data.staff_id, std::string("BADGE-7")));
  data.db.run("UPDATE staff SET active = 0");
  CHECK(identify_by_badge(data.db, "BADGE-7").error().code == "staff_inactive");
}

TEST_CASE("the audit log says a badge was set or replaced, never its id")
{
  staff_with_pin data;
  REQUIRE(set_staff_badge(data.db, coordinator, start, data.staff_id, std::string("BADGE-SECRET-7")));
  REQUIRE(set_staff_badge(data.db, coordinator, start + 1, data.staff_id, std::string("BADGE-SECRET-8")));
  REQUIRE(set_staff_badge(data.db, coordinator, start + 2, data.staff_id, std::nullopt));

  auto& rows = data.db.query(
      "SELECT action, before, after FROM audit_log WHERE entity = 'staff' AND action LIKE 'staff.%' ORDER BY id");
  std::vector<std::string> entries;
  while (rows.step()) {
    entries.push_back(rows.get_text(0) + " " + rows.get_optional_text(1).value_or("-") + " " +
                      rows.get_optional_text(2).value_or("-"));
  }
  CHECK(entries == std::vector<std::string>{R"(staff.update {"badge":null} {"badge":"set"})",
                                            R"(staff.badge_replaced {"badge":"set"} {"badge":"replaced"})",
                                            R"(staff.update {"badge":"set"} {"badge":null})"});
}
