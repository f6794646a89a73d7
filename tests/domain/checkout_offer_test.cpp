#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/checkout_offer.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/waitlist.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

void report_battery(loan_scheme& scheme, std::int64_t bike, int percent)
{
  scheme.db().run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, battery_pct) VALUES (?1, ?2, 51570000, 460000, ?3)",
                  bike, (loan_scheme::now - 120) * 1000, percent);
}

checkout_offer offer_for(loan_scheme& scheme, std::int64_t staff)
{
  auto made = make_checkout_offer(scheme.db(), staff, scheme.site_a, loan_scheme::now);
  REQUIRE(made);
  return std::move(made).value();
}

std::vector<std::string> tags_of(const checkout_offer& offer)
{
  std::vector<std::string> tags;
  for (const auto& listed : offer.bikes) tags.push_back(listed.offered.asset_tag);
  return tags;
}

/// Someone at the head of site A's queue for whom the only free bike is held, and it is charging.
struct holding_a_flat_bike {
  loan_scheme scheme;
  std::int64_t flat = scheme.add_bike(scheme.site_a, 0, "maintenance");
  std::int64_t person = scheme.add_staff("2");

  holding_a_flat_bike()
  {
    report_battery(scheme, flat, 10);
    REQUIRE(join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, person, scheme.site_a));
    scheme.db().run("UPDATE bikes SET status = 'available' WHERE id = ?1", flat);
    settle_reservations(scheme.db(), loan_scheme::now);
    REQUIRE(scheme.bike_status(flat) == "reserved");
  }
};

}  // namespace

TEST_CASE("the offer lists the best-charged bike first, bikes with no report after them, and charging bikes last")
{
  loan_scheme scheme;
  const auto unknown = scheme.add_bike(scheme.site_a);  // EB-1001
  const auto half = scheme.add_bike(scheme.site_a);     // EB-1002
  const auto low = scheme.add_bike(scheme.site_a);      // EB-1003
  const auto full = scheme.add_bike(scheme.site_a);     // EB-1004
  report_battery(scheme, half, 55);
  report_battery(scheme, low, 12);
  report_battery(scheme, full, 97);
  (void)unknown;

  const auto offer = offer_for(scheme, scheme.add_staff("3"));
  CHECK(offer.verdict.allowed());
  CHECK(tags_of(offer) == std::vector<std::string>{"EB-1004", "EB-1002", "EB-1001", "EB-1003"});
  CHECK(offer.min_charge_pct == 30);
  CHECK_FALSE(offer.bikes[0].charging);
  CHECK_FALSE(offer.bikes[2].charge.percent);
  CHECK_FALSE(offer.bikes[2].charging);
  CHECK(offer.bikes[3].charging);

  const nlohmann::json shown = offer;
  CHECK(shown.at("bikes")[0].at("charge_pct") == 97);
  CHECK(shown.at("bikes")[2].at("charge_pct").is_null());
  CHECK(shown.at("bikes")[3].at("charging") == true);
  CHECK(shown.at("min_charge_pct") == 30);
}

TEST_CASE("someone who can borrow now is not offered the waiting list")
{
  loan_scheme scheme;
  scheme.add_bike(scheme.site_a);
  const auto offer = offer_for(scheme, scheme.add_staff("3"));
  CHECK(offer.verdict.allowed());
  CHECK_FALSE(offer.may_join_waitlist);
}

TEST_CASE("when every free bike is charging the person cannot borrow now, sees them charging, and may join the waiting list")
{
  loan_scheme scheme;
  report_battery(scheme, scheme.add_bike(scheme.site_a), 8);
  report_battery(scheme, scheme.add_bike(scheme.site_a), 21);
  const auto offer = offer_for(scheme, scheme.add_staff("3"));
  REQUIRE_FALSE(offer.verdict.allowed());
  CHECK(offer.verdict.refusal->code == "bikes_charging");
  CHECK(offer.bikes.size() == 2);
  CHECK(offer.bikes[0].charge.percent == 21);
  CHECK(offer.may_join_waitlist);
}

TEST_CASE("with no bike free the waiting list is offered, someone who may not borrow at all is not offered it")
{
  loan_scheme scheme;
  const auto offer = offer_for(scheme, scheme.add_staff("3"));
  CHECK(offer.may_join_waitlist);
  CHECK(offer.verdict.refusal->code == "no_bike_free");
  CHECK_FALSE(offer_for(scheme, scheme.add_staff("3", false)).may_join_waitlist);
}

TEST_CASE("the charge threshold comes from the policy in force")
{
  loan_scheme scheme;
  report_battery(scheme, scheme.add_bike(scheme.site_a), 20);
  scheme.db().run("UPDATE policy_versions SET min_charge_pct = 15");
  const auto offer = offer_for(scheme, scheme.add_staff("3"));
  CHECK(offer.verdict.allowed());
  CHECK_FALSE(offer.bikes[0].charging);
}

TEST_CASE("the bike held for the head of the queue is the best-charged one free, not the first by number")
{
  loan_scheme scheme;
  const auto flat = scheme.add_bike(scheme.site_a, 0, "maintenance");
  const auto full = scheme.add_bike(scheme.site_a, 0, "maintenance");
  report_battery(scheme, flat, 10);
  report_battery(scheme, full, 95);
  const auto person = scheme.add_staff("2");
  REQUIRE(join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, person, scheme.site_a));
  scheme.db().run("UPDATE bikes SET status = 'available' WHERE id IN (?1, ?2)", flat, full);

  settle_reservations(scheme.db(), loan_scheme::now + 60);
  const auto held = live_reservations_for_staff(scheme.db(), person, loan_scheme::now + 60);
  REQUIRE(held.size() == 1);
  CHECK(held.front().bike_id == full);
  CHECK(scheme.bike_status(flat) == "available");
}

TEST_CASE("someone whose held bike is charging is offered a charged free bike, and taking it releases the hold")
{
  holding_a_flat_bike held;
  auto& [scheme, flat, person] = held;
  const auto full = scheme.add_bike(scheme.site_a);  // freed after the hold was made: nobody else waits for it
  report_battery(scheme, full, 95);

  const auto offer = offer_for(scheme, person);
  CHECK(offer.verdict.allowed());
  REQUIRE(offer.bikes.size() == 2);
  CHECK(offer.bikes[0].offered.id == full);
  CHECK(offer.bikes[1].charging);

  REQUIRE(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.checkout_of(person, full)));
  CHECK(scheme.bike_status(flat) == "available");
  CHECK(scheme.number("SELECT count(*) FROM reservations WHERE status = 'cancelled'") == 1);
}

TEST_CASE("someone whose held bike is charging is not offered a free bike that others of their tier wait for")
{
  holding_a_flat_bike held;
  auto& [scheme, flat, person] = held;
  REQUIRE(join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now + 1, scheme.add_staff("2"), scheme.site_a));
  const auto full = scheme.add_bike(scheme.site_a);
  report_battery(scheme, full, 95);

  const auto offer = offer_for(scheme, person);
  REQUIRE(offer.bikes.size() == 1);
  CHECK(offer.bikes[0].offered.id == flat);
  CHECK(offer.verdict.refusal->code == "bike_charging");
}
