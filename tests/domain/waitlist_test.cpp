#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/staff_import.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

waitlist_entry join(loan_scheme& scheme, std::int64_t staff, std::int64_t site, unix_seconds at = loan_scheme::now)
{
  auto joined = join_waitlist(scheme.db(), scheme.coordinator, at, staff, site);
  if (!joined) FAIL(joined.error().code << ": " << joined.error().message);
  return joined.value();
}

std::vector<std::int64_t> queue_of(loan_scheme& scheme, std::int64_t site)
{
  std::vector<std::int64_t> staff;
  for (const auto& entry : site_waitlist(scheme.db(), site, loan_scheme::now)) staff.push_back(entry.staff_id);
  return staff;
}

}  // namespace

TEST_CASE("the queue puts higher tiers first, then earlier joiners")
{
  loan_scheme scheme;
  const auto manager = scheme.add_staff("8a");    // tier 3
  const auto nurse = scheme.add_staff("5");       // tier 2
  const auto porter = scheme.add_staff("2");      // tier 1
  const auto cleaner = scheme.add_staff("1");     // tier 1, joins after the porter
  join(scheme, manager, scheme.site_a, loan_scheme::now);
  join(scheme, nurse, scheme.site_a, loan_scheme::now + 10);
  join(scheme, porter, scheme.site_a, loan_scheme::now + 20);
  const auto last = join(scheme, cleaner, scheme.site_a, loan_scheme::now + 30);

  CHECK(queue_of(scheme, scheme.site_a) == std::vector<std::int64_t>{porter, cleaner, nurse, manager});
  CHECK(last.status == "waiting");
  CHECK(last.priority_tier == 1);
  CHECK(last.position == 2);
  CHECK(open_waitlist_entry(scheme.db(), manager, scheme.site_a, loan_scheme::now)->position == 4);
  CHECK(queue_of(scheme, scheme.site_b).empty());
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'waitlist.join'") == 4);
}

TEST_CASE("leaving the queue closes the entry and moves the others up")
{
  loan_scheme scheme;
  const auto first = join(scheme, scheme.add_staff("2"), scheme.site_a);
  const auto second = join(scheme, scheme.add_staff("2"), scheme.site_a, loan_scheme::now + 5);
  const auto left = leave_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now + 9, first.id);
  REQUIRE(left);
  CHECK(left->status == "left");
  CHECK(left->closed_at == loan_scheme::now + 9);
  CHECK(find_waitlist_entry(scheme.db(), second.id, loan_scheme::now)->position == 1);

  const auto before = scheme.snapshot();
  CHECK(leave_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, first.id).error().code ==
        "waitlist_entry_closed");
  CHECK(leave_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, 999).error().code ==
        "waitlist_entry_not_found");
  CHECK(scheme.snapshot() == before);
}

TEST_CASE("joining is refused when already waiting, not able to borrow, or unknown, and changes nothing")
{
  loan_scheme scheme;
  const auto waiting = scheme.add_staff("2");
  join(scheme, waiting, scheme.site_a);
  const auto uninducted = scheme.add_staff("2", false);
  const auto borrower = scheme.add_staff("3");
  REQUIRE(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                  scheme.checkout_of(borrower, scheme.add_bike(scheme.site_b))));
  const auto before = scheme.snapshot();

  const auto code = [&](std::int64_t staff, std::int64_t site) {
    const auto joined = join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, staff, site);
    return joined ? std::string("joined") : joined.error().code;
  };
  CHECK(code(waiting, scheme.site_a) == "already_waiting");
  CHECK(code(uninducted, scheme.site_a) == "induction_required");
  CHECK(code(borrower, scheme.site_a) == "loan_limit_reached");
  CHECK(join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, 999, scheme.site_a).error().kind ==
        problem_kind::not_found);
  CHECK(join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, waiting, 999).error().kind ==
        problem_kind::not_found);
  CHECK(scheme.snapshot() == before);

  CHECK(code(waiting, scheme.site_b) == "joined");
}

TEST_CASE("someone joining where a bike is free is offered it at once")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto entry = join(scheme, scheme.add_staff("4"), scheme.site_a);
  CHECK(entry.status == "offered");
  REQUIRE(entry.offer);
  CHECK(entry.offer->bike_id == bike);
  CHECK(entry.offer->expires_at == loan_scheme::now + 24 * 3600);
  CHECK(scheme.bike_status(bike) == "reserved");
}

TEST_CASE("a walk-up may not take a free bike that someone ahead in the queue needs")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 0, "maintenance");
  const auto nurse = scheme.add_staff("6");  // tier 2
  join(scheme, nurse, scheme.site_a);
  // Back from the workshop: free, and not yet offered to anyone.
  REQUIRE(change_bike_status(scheme.db(), scheme.coordinator, loan_scheme::now, bike, bike_status::available, "fixed"));
  const auto before = scheme.snapshot();

  CHECK(refusal(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                        scheme.checkout_of(scheme.add_staff("5"), bike))) == "waitlist_priority");
  CHECK(scheme.snapshot() == before);

  const auto higher_tier = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                                   scheme.checkout_of(scheme.add_staff("2"), bike));
  CHECK(higher_tier);
}

TEST_CASE("a person in the queue may take a free bike when nobody waits ahead of them")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 0, "maintenance");
  const auto first = scheme.add_staff("3");
  const auto entry = join(scheme, first, scheme.site_a);
  join(scheme, scheme.add_staff("3"), scheme.site_a, loan_scheme::now + 1);
  REQUIRE(change_bike_status(scheme.db(), scheme.coordinator, loan_scheme::now, bike, bike_status::available, "fixed"));

  REQUIRE(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.checkout_of(first, bike)));
  CHECK(scheme.entry_status(entry.id) == "fulfilled");
}

TEST_CASE("getting a bike ends the person's waiting everywhere once they reach their limit")
{
  loan_scheme scheme;
  const auto person = scheme.add_staff("2");
  const auto at_b = join(scheme, person, scheme.site_b);
  REQUIRE(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                  scheme.checkout_of(person, scheme.add_bike(scheme.site_a))));
  CHECK(scheme.entry_status(at_b.id) == "fulfilled");
  CHECK(open_waitlist_entries_of(scheme.db(), person, loan_scheme::now).empty());
}

TEST_CASE("people ahead are counted from a person's own place, or by tier when they are not queueing")
{
  loan_scheme scheme;
  const auto porter = scheme.add_staff("2");
  const auto nurse = scheme.add_staff("5");
  join(scheme, porter, scheme.site_a);
  join(scheme, nurse, scheme.site_a, loan_scheme::now + 1);
  CHECK(waiting_ahead_of(scheme.db(), scheme.site_a, porter, 1) == 0);
  CHECK(waiting_ahead_of(scheme.db(), scheme.site_a, nurse, 2) == 1);
  const auto walk_up = scheme.add_staff("6");
  CHECK(waiting_ahead_of(scheme.db(), scheme.site_a, walk_up, 2) == 2);
  CHECK(waiting_ahead_of(scheme.db(), scheme.site_a, walk_up, 1) == 1);
  CHECK(waiting_ahead_of(scheme.db(), scheme.site_b, walk_up, 4) == 0);
}

TEST_CASE("someone marked as having left leaves every queue, and the bike held for them goes to the next person")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto leaver = scheme.add_staff("4");
  const auto held = join(scheme, leaver, scheme.site_a);
  REQUIRE(held.status == "offered");
  const auto elsewhere = join(scheme, leaver, scheme.site_b);
  const auto next = scheme.add_staff("2");
  join(scheme, next, scheme.site_a, loan_scheme::now + 5);

  auto record = find_staff(scheme.db(), leaver).value();
  record.active = false;
  REQUIRE(update_staff(scheme.db(), scheme.coordinator, loan_scheme::now + 60, leaver, record));

  CHECK(find_waitlist_entry(scheme.db(), held.id, loan_scheme::now + 60)->status == "left");
  CHECK(find_waitlist_entry(scheme.db(), elsewhere.id, loan_scheme::now + 60)->status == "left");
  const auto now_next = open_waitlist_entry(scheme.db(), next, scheme.site_a, loan_scheme::now + 60);
  REQUIRE(now_next);
  CHECK(now_next->status == "offered");
  REQUIRE(now_next->offer);
  CHECK(now_next->offer->bike_id == bike);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'waitlist.left_on_leaving_scheme'") == 2);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'waitlist.left'") == 0);

  record.active = true;
  REQUIRE(update_staff(scheme.db(), scheme.coordinator, loan_scheme::now + 90, leaver, record));
  CHECK(open_waitlist_entries_of(scheme.db(), leaver, loan_scheme::now + 90).empty());
}

TEST_CASE("a staff list that drops two people in one queue never holds the first one's bike for the second")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto first_leaver = scheme.add_staff("2");
  const auto second_leaver = scheme.add_staff("2");
  const auto stayer = scheme.add_staff("6");
  REQUIRE(join(scheme, first_leaver, scheme.site_a).status == "offered");
  join(scheme, second_leaver, scheme.site_a, loan_scheme::now + 5);
  join(scheme, stayer, scheme.site_a, loan_scheme::now + 10);

  const auto listed = find_staff(scheme.db(), stayer)->staff_number;
  const auto applied =
      apply_staff_import(scheme.db(), scheme.coordinator, loan_scheme::now + 60,
                         "Staff Number,Name,Band\n" + listed + ",Person " + listed + ",6\n", import_mode::full_list);
  REQUIRE(applied);
  CHECK(applied->deactivated.size() == 2);
  CHECK(scheme.number("SELECT count(*) FROM reservations WHERE staff_id = " + std::to_string(second_leaver)) == 0);
  const auto held = open_waitlist_entry(scheme.db(), stayer, scheme.site_a, loan_scheme::now + 60);
  REQUIRE(held);
  REQUIRE(held->offer);
  CHECK(held->offer->bike_id == bike);
  CHECK(open_waitlist_entries_of(scheme.db(), first_leaver, loan_scheme::now + 60).empty());
  CHECK(open_waitlist_entries_of(scheme.db(), second_leaver, loan_scheme::now + 60).empty());
}
