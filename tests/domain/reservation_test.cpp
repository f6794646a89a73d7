#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr std::int64_t hold = 24 * 3600;

// A site whose only bike is on loan, with people queueing for it.
struct busy_site {
  loan_scheme scheme;
  std::int64_t bike = scheme.add_bike(scheme.site_a, 2000);
  loan lent = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                      scheme.checkout_of(scheme.add_staff("2"), bike))
                  .value();

  waitlist_entry join(std::int64_t staff, unix_seconds at)
  {
    return join_waitlist(scheme.db(), scheme.coordinator, at, staff, scheme.site_a).value();
  }

  return_receipt give_back(unix_seconds at)
  {
    return loan_service::return_bike(scheme.db(), scheme.coordinator, at, scheme.return_of(lent.id)).value();
  }
};

}  // namespace

TEST_CASE("a returned bike is held for the head of the queue")
{
  busy_site site;
  const auto first = site.scheme.add_staff("4");
  const auto entry = site.join(first, loan_scheme::now + 10);
  site.join(site.scheme.add_staff("4"), loan_scheme::now + 20);

  const auto receipt = site.give_back(loan_scheme::now + 100);
  CHECK(receipt.bike_status == "reserved");
  REQUIRE(receipt.offered);
  CHECK(receipt.offered->staff_id == first);
  CHECK(receipt.offered->waitlist_entry_id == entry.id);
  CHECK(receipt.offered->expires_at == loan_scheme::now + 100 + hold);
  CHECK(site.scheme.bike_status(site.bike) == "reserved");
  CHECK(site.scheme.entry_status(entry.id) == "offered");
  CHECK(live_reservation_for_bike(site.scheme.db(), site.bike, loan_scheme::now + 100)->staff_id == first);
}

TEST_CASE("only the holder can check out a reserved bike")
{
  busy_site site;
  const auto holder = site.scheme.add_staff("3");
  const auto entry = site.join(holder, loan_scheme::now + 10);
  site.give_back(loan_scheme::now + 100);
  const auto before = site.scheme.snapshot();

  CHECK(refusal(loan_service::check_out(site.scheme.db(), site.scheme.coordinator, loan_scheme::now + 200,
                                        site.scheme.checkout_of(site.scheme.add_staff("1"), site.bike))) ==
        "bike_reserved");
  CHECK(site.scheme.snapshot() == before);

  const auto lent = loan_service::check_out(site.scheme.db(), site.scheme.coordinator, loan_scheme::now + 200,
                                            site.scheme.checkout_of(holder, site.bike));
  REQUIRE(lent);
  CHECK(site.scheme.bike_status(site.bike) == "on_loan");
  CHECK(site.scheme.entry_status(entry.id) == "fulfilled");
  CHECK(site.scheme.number("SELECT count(*) FROM reservations WHERE status = 'fulfilled'") == 1);
}

TEST_CASE("an expired reservation hands the bike to the next person")
{
  busy_site site;
  const auto first = site.join(site.scheme.add_staff("2"), loan_scheme::now + 10);
  const auto second_person = site.scheme.add_staff("5");
  const auto second = site.join(second_person, loan_scheme::now + 20);
  site.give_back(loan_scheme::now + 100);

  CHECK(expire_reservations(site.scheme.db(), loan_scheme::now + 100 + hold - 1) == 0);
  CHECK(expire_reservations(site.scheme.db(), loan_scheme::now + 100 + hold) == 1);
  CHECK(site.scheme.entry_status(first.id) == "expired");
  CHECK(site.scheme.entry_status(second.id) == "offered");
  CHECK(site.scheme.bike_status(site.bike) == "reserved");
  const auto held = live_reservation_for_bike(site.scheme.db(), site.bike, loan_scheme::now + 100 + hold);
  REQUIRE(held);
  CHECK(held->staff_id == second_person);
  CHECK(site.scheme.number("SELECT count(*) FROM audit_log WHERE action = 'reservation.expired'"
                           " AND actor = 'system:reservation-expiry'") == 1);
}

TEST_CASE("an expired reservation with nobody else waiting frees the bike")
{
  busy_site site;
  site.join(site.scheme.add_staff("2"), loan_scheme::now + 10);
  site.give_back(loan_scheme::now + 100);
  CHECK(expire_reservations(site.scheme.db(), loan_scheme::now + 100 + hold + 60) == 1);
  CHECK(site.scheme.bike_status(site.bike) == "available");
}

TEST_CASE("after the hold runs out anyone may take the bike, because checkout settles expiry first")
{
  busy_site site;
  site.join(site.scheme.add_staff("2"), loan_scheme::now + 10);
  site.give_back(loan_scheme::now + 100);
  const auto lent = loan_service::check_out(site.scheme.db(), site.scheme.coordinator, loan_scheme::now + 100 + hold,
                                            site.scheme.checkout_of(site.scheme.add_staff("8c"), site.bike));
  CHECK(lent);
}

TEST_CASE("leaving the queue while offered a bike passes it to the next person")
{
  busy_site site;
  const auto first = site.join(site.scheme.add_staff("2"), loan_scheme::now + 10);
  const auto next_person = site.scheme.add_staff("2");
  site.join(next_person, loan_scheme::now + 20);
  site.give_back(loan_scheme::now + 100);

  REQUIRE(leave_waitlist(site.scheme.db(), site.scheme.coordinator, loan_scheme::now + 200, first.id));
  CHECK(site.scheme.number("SELECT count(*) FROM reservations WHERE status = 'cancelled'") == 1);
  const auto held = live_reservation_for_bike(site.scheme.db(), site.bike, loan_scheme::now + 200);
  REQUIRE(held);
  CHECK(held->staff_id == next_person);
  CHECK(held->expires_at == loan_scheme::now + 200 + hold);
}

TEST_CASE("taking another bike releases the one held for the same person")
{
  busy_site site;
  const auto person = site.scheme.add_staff("2");
  site.join(person, loan_scheme::now + 10);
  site.give_back(loan_scheme::now + 100);
  const auto other_bike = site.scheme.add_bike(site.scheme.site_a, 0, "maintenance");
  site.scheme.db().run("UPDATE bikes SET status = 'available' WHERE id = ?1", other_bike);

  REQUIRE(loan_service::check_out(site.scheme.db(), site.scheme.coordinator, loan_scheme::now + 200,
                                  site.scheme.checkout_of(person, other_bike)));
  CHECK(site.scheme.bike_status(site.bike) == "available");
  CHECK(site.scheme.number("SELECT count(*) FROM reservations WHERE status = 'cancelled'") == 1);
}

TEST_CASE("a bike freed by the workshop is offered by the periodic run")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 0, "maintenance");
  const auto person = scheme.add_staff("7");
  join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, person, scheme.site_a);
  scheme.db().run("UPDATE bikes SET status = 'available' WHERE id = ?1", bike);

  CHECK(settle_reservations(scheme.db(), loan_scheme::now + 60) == 0);
  const auto held = live_reservation_for_bike(scheme.db(), bike, loan_scheme::now + 60);
  REQUIRE(held);
  CHECK(held->staff_id == person);
}
