#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/passwords.hpp"
#include "pedalpower/domain/staff_pins.hpp"
#include "temp_database.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds start = 1'700'000'000;
constexpr scrypt_cost test_cost{1024, 8, 1};
const actor coordinator{"user:1:cora"};
const actor kiosk{"device:2:kiosk-bas"};

struct staff_with_pin {
  temp_database file;
  db::connection db{{file.path()}};
  std::int64_t staff_id = 0;
  staff_with_pin()
  {
    db::migrate(db);
    db.run("INSERT INTO staff(staff_number, name, pay_band, created_at, updated_at) VALUES ('S100', 'Sam', '3', ?1, ?1)",
           start);
    staff_id = db.last_insert_rowid();
    REQUIRE(set_staff_pin(db, coordinator, start, staff_id, hash_secret("2468", test_cost)));
  }

  /// Both steps of a kiosk PIN check, as the kiosk route runs them.
  pin_step<staff_member> try_pin(const std::string& pin, unix_seconds now)
  {
    auto begun = begin_pin_check(db, "S100", now);
    if (!begun.result) return {begun.result.error(), begun.locked_until};
    return finish_pin_check(db, kiosk, now, staff_id, verify_secret(pin, begun.result->pin_hash));
  }
};

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
  REQUIRE(attempt.result);
  CHECK(attempt.result->staff_number == "S100");
  CHECK(attempt.result->name == "Sam");
}

TEST_CASE("a wrong PIN and an unknown staff number are answered alike")
{
  staff_with_pin data;
  const auto wrong = data.try_pin("1111", start);
  const auto unknown = begin_pin_check(data.db, "S999", start);
  REQUIRE_FALSE(wrong.result);
  REQUIRE_FALSE(unknown.result);
  CHECK(wrong.result.error().code == "identification_failed");
  CHECK(unknown.result.error().code == wrong.result.error().code);
  CHECK(unknown.result.error().message == wrong.result.error().message);
  CHECK(unknown.result.error().field == wrong.result.error().field);
}

TEST_CASE("five wrong PINs lock the PIN for 15 minutes, even against the right one")
{
  staff_with_pin data;
  for (int i = 0; i < 4; ++i) CHECK(data.try_pin("1111", start + i).result.error().code == "identification_failed");
  const auto fifth = data.try_pin("1111", start + 4);
  REQUIRE_FALSE(fifth.result);
  CHECK(fifth.result.error().code == "pin_locked");
  CHECK(fifth.result.error().field == "pin");
  CHECK(fifth.locked_until == start + 4 + 15 * 60);

  const auto during = data.try_pin("2468", start + 5);
  REQUIRE_FALSE(during.result);
  CHECK(during.result.error().code == "pin_locked");
  CHECK(during.locked_until == start + 4 + 15 * 60);
  CHECK(data.try_pin("2468", start + 4 + 15 * 60 - 1).result.error().code == "pin_locked");

  CHECK(data.try_pin("2468", start + 4 + 15 * 60).result);
}

TEST_CASE("after a lock runs out the count starts again")
{
  staff_with_pin data;
  for (int i = 0; i < 5; ++i) data.try_pin("1111", start);
  const auto later = start + 15 * 60;
  for (int i = 0; i < 4; ++i) CHECK(data.try_pin("1111", later).result.error().code == "identification_failed");
  CHECK(data.try_pin("1111", later).result.error().code == "pin_locked");
}

TEST_CASE("the right PIN clears earlier failures")
{
  staff_with_pin data;
  for (int i = 0; i < 4; ++i) data.try_pin("1111", start);
  REQUIRE(data.try_pin("2468", start).result);
  for (int i = 0; i < 4; ++i) CHECK(data.try_pin("1111", start).result.error().code == "identification_failed");
}

TEST_CASE("a right PIN compared while other attempts locked it is still refused")
{
  staff_with_pin data;
  const auto begun = begin_pin_check(data.db, "S100", start);
  REQUIRE(begun.result);
  for (int i = 0; i < 5; ++i) data.try_pin("1111", start);
  const auto finished = finish_pin_check(data.db, kiosk, start, data.staff_id, true);
  REQUIRE_FALSE(finished.result);
  CHECK(finished.result.error().code == "pin_locked");
}

TEST_CASE("failed PIN attempts and the lock are audited without the PIN")
{
  staff_with_pin data;
  for (int i = 0; i < 5; ++i) data.try_pin("1111", start);
  auto& rows = data.db.query("SELECT action, actor, after FROM audit_log WHERE entity = 'staff' ORDER BY id");
  std::vector<std::string> actions;
  while (rows.step()) {
    actions.push_back(rows.get_text(0));
    CHECK(rows.get_text(2).find("2468") == std::string::npos);
    CHECK(rows.get_text(2).find("scrypt") == std::string::npos);
  }
  CHECK(actions == std::vector<std::string>{"set_pin", "pin_failed", "pin_failed", "pin_failed", "pin_failed", "pin_locked"});
}

TEST_CASE("setting a PIN clears a lock")
{
  staff_with_pin data;
  for (int i = 0; i < 5; ++i) data.try_pin("1111", start);
  REQUIRE(set_staff_pin(data.db, coordinator, start + 1, data.staff_id, hash_secret("9753", test_cost)));
  CHECK(data.try_pin("9753", start + 2).result);
  CHECK(set_staff_pin(data.db, coordinator, start, 999, "x").error().code == "staff_not_found");
}

TEST_CASE("a staff member without a PIN or no longer active cannot use one")
{
  staff_with_pin data;
  data.db.run("INSERT INTO staff(staff_number, name, pay_band, created_at, updated_at) VALUES ('S200', 'Pat', '2', ?1, ?1)",
              start);
  CHECK(begin_pin_check(data.db, "S200", start).result.error().code == "pin_not_set");
  data.db.run("UPDATE staff SET active = 0 WHERE staff_number = 'S100'");
  CHECK(begin_pin_check(data.db, "S100", start).result.error().code == "staff_inactive");
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
