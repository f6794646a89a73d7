#include <catch2/catch.hpp>

#include "pedalpower/kiosk/kiosk_database.hpp"
#include "pedalpower/kiosk/staff_cache.hpp"
#include "outcome_refusal.hpp"
#include "temp_database.hpp"

using namespace pedalpower::kiosk;

namespace {

constexpr pedalpower::scrypt_cost quick{1024, 8, 1};
constexpr unix_seconds day = 86400;

cached_staff alice()
{
  return {.staff_id = 7, .staff_number = "S1007", .badge_id = "B-77", .name = "Alice Smith",
          .allowance = {{"max_loan_days", 28}}, .verified_at = 0, .offline_proof = "proof-of-alice"};
}

staff_identifier by_number(const std::string& number) { return {.staff_number = number, .badge_id = std::nullopt}; }

struct fixture {
  temp_database file;
  std::unique_ptr<pedalpower::db::connection> database = open_kiosk_database(file.path());
  staff_cache cache{*database, {.max_age_seconds = 7 * day, .max_failures = 3}, quick};
};

}  // namespace

TEST_CASE("someone verified online is recognised offline by staff number or badge with the same PIN")
{
  fixture f;
  f.cache.remember(alice(), "4821", 1000);
  const auto by_staff_number = f.cache.verify(by_number("S1007"), "4821", 2000);
  REQUIRE(by_staff_number);
  CHECK(by_staff_number->staff_id == 7);
  CHECK(by_staff_number->name == "Alice Smith");
  CHECK(by_staff_number->allowance.at("max_loan_days") == 28);
  CHECK(by_staff_number->offline_proof == "proof-of-alice");
  CHECK(f.cache.verify({.staff_number = std::nullopt, .badge_id = "B-77"}, "4821", 2000));
}

TEST_CASE("someone the backend gave no proof of identification for is not recognised offline")
{
  fixture f;
  f.cache.remember(alice(), "4821", 1000);
  auto unproven = alice();
  unproven.offline_proof.clear();
  f.cache.remember(unproven, "4821", 1100);
  CHECK(f.cache.verify(by_number("S1007"), "4821", 1200).error().code == "offline_unknown_staff");
}

TEST_CASE("someone never seen at this kiosk is not recognised offline")
{
  fixture f;
  CHECK(refusal(f.cache.verify(by_number("S9999"), "4821", 1000)) == "offline_unknown_staff");
}

TEST_CASE("an entry older than the allowed age is erased rather than trusted")
{
  fixture f;
  f.cache.remember(alice(), "4821", 1000);
  CHECK(f.cache.verify(by_number("S1007"), "4821", 1000 + 7 * day));
  CHECK(refusal(f.cache.verify(by_number("S1007"), "4821", 1001 + 7 * day)) == "offline_unknown_staff");
}

TEST_CASE("wrong PINs offline count down and the last one allowed erases the entry")
{
  fixture f;
  f.cache.remember(alice(), "4821", 1000);
  const auto first = f.cache.verify(by_number("S1007"), "0000", 1001);
  REQUIRE_FALSE(first);
  CHECK(first.error().code == "wrong_pin");
  CHECK(first.error().message.find("2 tries left") != std::string::npos);
  CHECK(f.cache.verify(by_number("S1007"), "1111", 1002).error().code == "wrong_pin");
  CHECK(f.cache.verify(by_number("S1007"), "2222", 1003).error().code == "offline_identity_erased");
  CHECK(f.cache.verify(by_number("S1007"), "4821", 1004).error().code == "offline_unknown_staff");
}

TEST_CASE("a right PIN clears earlier wrong ones")
{
  fixture f;
  f.cache.remember(alice(), "4821", 1000);
  CHECK_FALSE(f.cache.verify(by_number("S1007"), "0000", 1001));
  CHECK_FALSE(f.cache.verify(by_number("S1007"), "0000", 1002));
  CHECK(f.cache.verify(by_number("S1007"), "4821", 1003));
  CHECK(f.cache.verify(by_number("S1007"), "0000", 1004).error().code == "wrong_pin");
}

TEST_CASE("identifying online again refreshes the PIN, the allowance and the age")
{
  fixture f;
  f.cache.remember(alice(), "4821", 1000);
  auto changed = alice();
  changed.allowance = {{"max_loan_days", 14}};
  f.cache.remember(changed, "9999", 1000 + 6 * day);
  CHECK_FALSE(f.cache.verify(by_number("S1007"), "4821", 1000 + 6 * day));
  const auto refreshed = f.cache.verify(by_number("S1007"), "9999", 1000 + 12 * day);
  REQUIRE(refreshed);
  CHECK(refreshed->allowance.at("max_loan_days") == 14);
}

TEST_CASE("a badge passed to another person is recognised as theirs only")
{
  fixture f;
  f.cache.remember(alice(), "4821", 1000);
  cached_staff bob{.staff_id = 8, .staff_number = "S1008", .badge_id = "B-77", .name = "Bob Jones",
                   .allowance = nlohmann::json::object(), .verified_at = 0, .offline_proof = "proof-of-bob"};
  f.cache.remember(bob, "5555", 1100);
  const auto holder = f.cache.verify({.staff_number = std::nullopt, .badge_id = "B-77"}, "5555", 1200);
  REQUIRE(holder);
  CHECK(holder->staff_id == 8);
  CHECK_FALSE(f.cache.verify(by_number("S1007"), "4821", 1200));
}
