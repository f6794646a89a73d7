#include <catch2/catch.hpp>

#include "fresh_journal.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/kiosk/journal.hpp"
#include "pedalpower/kiosk/kiosk_database.hpp"
#include "pedalpower/kiosk/offline_offer.hpp"
#include "pedalpower/kiosk/site_snapshot.hpp"

using namespace pedalpower::kiosk;

namespace {

constexpr unix_seconds now = 1735689600;  // 2025-01-01T00:00:00Z

cached_staff person_allowed(int active_loans = 0)
{
  return {.staff_id = 7, .staff_number = "1007", .badge_id = std::nullopt, .name = "Alice Smith",
          .allowance = {{"may_borrow", true},
                        {"refusal", nullptr},
                        {"allowance", {{"max_loan_days", 90}, {"max_concurrent_loans", 1}, {"weekly_fee_pence", 0}}},
                        {"active_loans", active_loans},
                        {"terms", {{"version", "2025-01"}, {"body", "Ride safely."}}}},
          .verified_at = now - 3600, .offline_proof = {}};
}

const nlohmann::json site_bikes = nlohmann::json::array({{{"id", 1}, {"asset_tag", "EB-0001"}}, {{"id", 2}, {"asset_tag", "EB-0002"}}});

journal_entry pending_checkout(std::int64_t staff_id, std::int64_t bike_id)
{
  journal_entry entry;
  entry.kind = "checkout";
  entry.staff_id = staff_id;
  entry.payload = {{"bike_id", bike_id}};
  return entry;
}

}  // namespace

TEST_CASE("offline, a cached person may borrow a bike last seen free, due after their band's loan days")
{
  const auto offer = offline_offer(person_allowed(), site_bikes, {}, now);
  CHECK(offer.at("may_borrow") == true);
  CHECK(offer.at("offline") == true);
  CHECK(offer.at("bikes").size() == 2);
  CHECK(offer.at("allowance").at("due_at") == "2025-04-01T00:00:00Z");
  CHECK_FALSE(offline_checkout_refusal(offer, 2, "2025-01"));
}

TEST_CASE("offline, a bike already lent from this kiosk is not offered again")
{
  const auto offer = offline_offer(person_allowed(), site_bikes, {pending_checkout(9, 1)}, now);
  REQUIRE(offer.at("bikes").size() == 1);
  CHECK(offer.at("bikes")[0].at("id") == 2);
  CHECK(offline_checkout_refusal(offer, 1, "2025-01")->code == "bike_unavailable");
}

TEST_CASE("offline, loans lent here since count toward the person's limit")
{
  const auto offer = offline_offer(person_allowed(), site_bikes, {pending_checkout(7, 1)}, now);
  CHECK(offer.at("may_borrow") == false);
  CHECK(offer.at("refusal").at("code") == "loan_limit_reached");
  CHECK(offline_checkout_refusal(offer, 2, "2025-01")->code == "loan_limit_reached");
}

TEST_CASE("offline, the backend's last refusal stands")
{
  auto person = person_allowed();
  person.allowance["may_borrow"] = false;
  person.allowance["refusal"] = {{"code", "induction_required"}, {"message", "Book the safety induction first."}};
  const auto offer = offline_offer(person, site_bikes, {}, now);
  CHECK(offer.at("refusal").at("code") == "induction_required");
  CHECK(offer.at("bikes").empty());
}

TEST_CASE("offline, a person whose allowance was never seen may not borrow")
{
  auto person = person_allowed();
  person.allowance = nlohmann::json::object();
  CHECK(offline_offer(person, site_bikes, {}, now).at("refusal").at("code") == "offline_allowance_unknown");
}

TEST_CASE("offline, terms other than the ones last seen are not accepted")
{
  const auto offer = offline_offer(person_allowed(), site_bikes, {}, now);
  CHECK(offline_checkout_refusal(offer, 1, "2024-06")->code == "terms_not_current");
}

TEST_CASE("offline, with no free bike left the person is told so")
{
  const auto offer = offline_offer(person_allowed(), nlohmann::json::array(), {}, now);
  CHECK(offer.at("refusal").at("code") == "no_bike_free");
}

TEST_CASE_METHOD(fresh_journal, "offline, someone who borrowed and brought the bike back may borrow again before the journal drains")
{
  log.append({.kind = "checkout", .payload = {{"bike_id", 1}}, .staff_id = 7, .bike_tag = "EB-0001",
              .confirmed_offline = true, .staff_proof = {}},
             now);
  CHECK(offline_offer(person_allowed(), site_bikes, log.pending_checkouts_still_out(), now).at("may_borrow") == false);
  log.append({.kind = "return", .payload = {{"bike_tag", "EB-0001"}}, .staff_id = 7, .bike_tag = "EB-0001",
              .confirmed_offline = true, .staff_proof = {}},
             now + 60);
  const auto again = offline_offer(person_allowed(), site_bikes, log.pending_checkouts_still_out(), now + 120);
  CHECK(again.at("may_borrow") == true);
  CHECK(again.at("active_loans") == 0);
}

TEST_CASE("offline, the site snapshot keeps each bike's charge and order, and a charging bike is shown but not lent")
{
  temp_database file;
  auto database = open_kiosk_database(file.path());
  site_snapshot snapshot(*database);
  snapshot.save(nlohmann::json::array({{{"id", 4}, {"asset_tag", "EB-0004"}, {"charge_pct", 96}, {"range_km", 38.1}, {"charging", false}},
                                       {{"id", 5}, {"asset_tag", "EB-0005"}, {"charge_pct", nullptr}, {"charging", false}},
                                       {{"id", 6}, {"asset_tag", "EB-0006"}, {"charge_pct", 9}, {"charging", true}}}),
                now - 60);
  snapshot.remove_bike(5);

  const auto offer = offline_offer(person_allowed(), snapshot.bikes(), {}, now);
  REQUIRE(offer.at("bikes").size() == 2);
  CHECK(offer.at("bikes")[0].at("charge_pct") == 96);
  CHECK(offer.at("bikes")[0].at("range_km") == 38.1);
  CHECK(offer.at("bikes")[1].at("charging") == true);
  CHECK(offer.at("may_borrow") == true);
  CHECK_FALSE(offline_checkout_refusal(offer, 4, "2025-01"));
  CHECK(offline_checkout_refusal(offer, 6, "2025-01")->code == "bike_charging");
}

TEST_CASE("offline, when every bike last seen is charging the person cannot borrow, though the snapshot may say so later")
{
  const auto charging = nlohmann::json::array({{{"id", 6}, {"asset_tag", "EB-0006"}, {"charge_pct", 9}, {"charging", true}}});
  const auto offer = offline_offer(person_allowed(), charging, {}, now);
  CHECK(offer.at("may_borrow") == false);
  CHECK(offer.at("refusal").at("code") == "bikes_charging");

  auto seen_charging = person_allowed();
  seen_charging.allowance["refusal"] = {{"code", "bikes_charging"}, {"message", "Every free bike here is charging."}};
  CHECK(offline_offer(seen_charging, site_bikes, {}, now).at("may_borrow") == true);
}
