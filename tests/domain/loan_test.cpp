#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/loans.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

loan lend(loan_scheme& scheme, std::int64_t staff, std::int64_t bike, unix_seconds at = loan_scheme::now)
{
  auto lent = loan_service::check_out(scheme.db(), scheme.coordinator, at, scheme.checkout_of(staff, bike));
  if (!lent) FAIL(lent.error().code << ": " << lent.error().message);
  return lent.value();
}

/// A bike at site A, its odometer at 1000 m, on loan to a band 2 member of staff.
struct bike_on_loan {
  loan_scheme scheme;
  std::int64_t bike = scheme.add_bike(scheme.site_a, 1000);
  loan lent = lend(scheme, scheme.add_staff("2"), bike);
};

}  // namespace

TEST_CASE("a checkout lends the bike under the policy, terms and odometer of the moment")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 1200);
  const auto porter = scheme.add_staff("3");

  const auto lent = lend(scheme, porter, bike);
  CHECK(lent.status == "active");
  CHECK(lent.site_id == scheme.site_a);
  CHECK(lent.policy_version_id == 1);
  CHECK(lent.terms_version == loan_scheme::current_terms);
  CHECK(lent.checked_out_at == loan_scheme::now);
  CHECK(lent.due_at == loan_scheme::now + 90 * loan_scheme::day);
  CHECK(lent.start_odometer_m == 1200);
  CHECK(lent.weekly_fee_pence == 0);
  CHECK(lent.deposit_pence == 0);
  CHECK(lent.accessories.size() == 4);
  CHECK(lent.created_by == scheme.coordinator.label);
  CHECK(scheme.bike_status(bike) == "on_loan");
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'loan.check_out' AND before IS NULL") == 1);
}

TEST_CASE("a band's loan length comes from the policy in force")
{
  loan_scheme scheme;
  const auto nurse = scheme.add_staff("6");
  const auto consultant = scheme.add_staff("other");
  CHECK(lend(scheme, nurse, scheme.add_bike(scheme.site_a)).due_at == loan_scheme::now + 60 * loan_scheme::day);
  CHECK(lend(scheme, consultant, scheme.add_bike(scheme.site_a)).due_at == loan_scheme::now + 28 * loan_scheme::day);
}

TEST_CASE("a second checkout of the same bike is refused and changes nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  lend(scheme, scheme.add_staff("2"), bike);
  const auto before = scheme.snapshot();

  const auto second = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                              scheme.checkout_of(scheme.add_staff("2"), bike));
  CHECK(refusal(second) == "bike_unavailable");
  CHECK(second.error().kind == problem_kind::refused);
  CHECK(scheme.snapshot() == before);
}

TEST_CASE("the one-active-loan-per-bike index turns a slipped-through race into bike_unavailable")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto first = scheme.add_staff("2");
  // An active loan the bike's status does not show yet, as a racing writer would leave it.
  scheme.db().run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
                  " deposit_pence, checked_out_at, due_at, start_odometer_m, created_by)"
                  " VALUES (?1, ?2, ?3, 1, '2025-01', 0, 0, ?4, ?4, 0, 'test')",
                  first, bike, scheme.site_a, loan_scheme::now);
  const auto before = scheme.snapshot();

  const auto second = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                              scheme.checkout_of(scheme.add_staff("2"), bike));
  CHECK(refusal(second) == "bike_unavailable");
  CHECK(scheme.snapshot() == before);
}

TEST_CASE("a checkout under terms that are not the current ones is refused and changes nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  auto input = scheme.checkout_of(scheme.add_staff("2"), bike);
  input.terms_version = "2024-06";
  const auto before = scheme.snapshot();

  const auto lent = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, input);
  CHECK(refusal(lent) == "terms_not_current");
  CHECK(lent.error().field == "terms_version");
  CHECK(scheme.snapshot() == before);

  scheme.db().run("INSERT INTO terms_versions(version, body, published_at) VALUES ('2025-03', 'new terms', ?1)",
                  loan_scheme::now - 60);
  input.terms_version = loan_scheme::current_terms;
  CHECK(refusal(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, input)) ==
        "terms_not_current");
}

TEST_CASE("the start odometer defaults to the bike's and may not be below it")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 5000);
  auto input = scheme.checkout_of(scheme.add_staff("2"), bike);
  input.start_odometer_m = 4999;
  const auto before = scheme.snapshot();
  const auto low = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, input);
  REQUIRE_FALSE(low);
  CHECK(low.error().kind == problem_kind::invalid);
  CHECK(low.error().field == "start_odometer_m");
  CHECK(scheme.snapshot() == before);

  input.start_odometer_m = 5100;
  const auto lent = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, input);
  REQUIRE(lent);
  CHECK(lent->start_odometer_m == 5100);
}

TEST_CASE("a checkout with unknown or repeated accessories is invalid and changes nothing")
{
  loan_scheme scheme;
  auto input = scheme.checkout_of(scheme.add_staff("2"), scheme.add_bike(scheme.site_a));
  const auto before = scheme.snapshot();
  input.accessories = {"helmet", "basket"};
  CHECK(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, input).error().field ==
        "accessories");
  input.accessories = {"lock", "lock"};
  CHECK(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, input).error().field ==
        "accessories");
  CHECK(scheme.snapshot() == before);
}

TEST_CASE("a checkout for an unknown person or bike is not found and changes nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto staff = scheme.add_staff("2");
  const auto before = scheme.snapshot();
  const auto nobody =
      loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.checkout_of(999, bike));
  CHECK(nobody.error().kind == problem_kind::not_found);
  const auto no_bike =
      loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.checkout_of(staff, 999));
  CHECK(no_bike.error().kind == problem_kind::not_found);
  CHECK(scheme.snapshot() == before);
}

TEST_CASE("the pay-band policy's refusals change nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto uninducted = scheme.add_staff("2", false);
  const auto inactive = scheme.add_staff("2", true, false);
  const auto borrower = scheme.add_staff("4");
  lend(scheme, borrower, scheme.add_bike(scheme.site_a));
  const auto before = scheme.snapshot();

  const auto try_out = [&](std::int64_t staff) {
    return refusal(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                           scheme.checkout_of(staff, bike)));
  };
  CHECK(try_out(uninducted) == "induction_required");
  CHECK(try_out(inactive) == "staff_inactive");
  CHECK(try_out(borrower) == "loan_limit_reached");
  CHECK(scheme.snapshot() == before);
  CHECK(scheme.bike_status(bike) == "available");
}

TEST_CASE("a bike in maintenance cannot be lent")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 0, "maintenance");
  const auto before = scheme.snapshot();
  CHECK(refusal(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                        scheme.checkout_of(scheme.add_staff("1"), bike))) == "bike_unavailable");
  CHECK(scheme.snapshot() == before);
}

TEST_CASE_METHOD(bike_on_loan, "a return closes the loan, answers the distance and frees the bike")
{
  auto input = scheme.return_of(lent.id);
  input.end_odometer_m = 43500;
  input.accessories_returned = {"helmet", "lock", "charger"};

  const auto receipt =
      loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now + 20 * loan_scheme::day, input);
  REQUIRE(receipt);
  CHECK(receipt->returned.status == "returned");
  CHECK(receipt->returned.returned_at == loan_scheme::now + 20 * loan_scheme::day);
  REQUIRE(receipt->returned.distance_km());
  CHECK(*receipt->returned.distance_km() == Approx(42.5));
  CHECK(receipt->returned.return_condition == nlohmann::json{{"brakes_work", true}, {"tyres_ok", true}});
  CHECK(receipt->bike_status == "available");
  CHECK_FALSE(receipt->offered);
  CHECK(scheme.bike_status(bike) == "available");
  CHECK(scheme.text("SELECT odometer_m FROM bikes WHERE id = ?1", bike) == "43500");
  CHECK(scheme.text("SELECT returned FROM loan_accessories WHERE loan_id = ?1 AND kind = 'lights'", lent.id) == "0");
  CHECK(scheme.text("SELECT returned FROM loan_accessories WHERE loan_id = ?1 AND kind = 'helmet'", lent.id) == "1");
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'loan.return' AND before IS NOT NULL"
                      " AND after IS NOT NULL") == 1);
}

TEST_CASE_METHOD(bike_on_loan, "a return without an end reading leaves the distance unknown")
{
  const auto receipt = loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.return_of(lent.id));
  REQUIRE(receipt);
  CHECK_FALSE(receipt->returned.distance_km());
}

TEST_CASE_METHOD(bike_on_loan, "a return never winds the bike's odometer back")
{
  scheme.db().run("UPDATE bikes SET odometer_m = 9000 WHERE id = ?1", bike);  // telematics reported meanwhile
  auto input = scheme.return_of(lent.id);
  input.end_odometer_m = 8000;
  REQUIRE(loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now, input));
  CHECK(scheme.text("SELECT odometer_m FROM bikes WHERE id = ?1", bike) == "9000");
}

TEST_CASE_METHOD(bike_on_loan, "a bad return is refused and changes nothing")
{
  const auto before = scheme.snapshot();
  const auto try_return = [&](const return_input& input) {
    const auto result = loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now, input);
    return result ? std::string("done") : result.error().field + "/" + result.error().code;
  };

  auto low = scheme.return_of(lent.id);
  low.end_odometer_m = 999;
  CHECK(try_return(low) == "end_odometer_m/invalid");

  auto not_checklist = scheme.return_of(lent.id);
  not_checklist.condition = {{"brakes_work", "yes"}};
  CHECK(try_return(not_checklist) == "condition.brakes_work/invalid");

  auto unknown_check = scheme.return_of(lent.id);
  unknown_check.condition = {{"brakes_ok", false}};
  CHECK(try_return(unknown_check) == "condition.brakes_ok/invalid");

  auto bad_fault = scheme.return_of(lent.id);
  bad_fault.fault = fault_input{"wheels", "", false};
  CHECK(try_return(bad_fault) == "fault.category/invalid");

  auto unknown = scheme.return_of(999);
  CHECK(try_return(unknown) == "/loan_not_found");
  CHECK(scheme.snapshot() == before);

  REQUIRE(try_return(scheme.return_of(lent.id)) == "done");
  const auto after_first = scheme.snapshot();
  CHECK(try_return(scheme.return_of(lent.id)) == "/loan_not_active");
  CHECK(scheme.snapshot() == after_first);
}

TEST_CASE_METHOD(
    bike_on_loan,
    "a failed brakes check files a safety fault and keeps the bike in the workshop though no fault was chosen")
{
  auto input = scheme.return_of(lent.id);
  input.condition = {{"brakes_work", false}, {"tyres_ok", true}, {"lights_work", true}};
  const auto receipt = loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now, input);
  REQUIRE(receipt);
  REQUIRE(receipt->faults.size() == 1);
  CHECK(receipt->faults[0].category == "brakes");
  CHECK(receipt->faults[0].safety);
  CHECK(receipt->faults[0].note == "Returned with \"Brakes work\" not confirmed");
  CHECK(receipt->bike_status == "maintenance");
  CHECK(scheme.bike_status(bike) == "maintenance");
  CHECK(scheme.number("SELECT count(*) FROM work_orders WHERE bike_id = " + std::to_string(bike) +
                      " AND status <> 'closed'") == 1);
}

TEST_CASE_METHOD(
    bike_on_loan,
    "a failed lights check beside a chosen brakes fault files both and a failed check of the chosen category only once")
{
  auto input = scheme.return_of(lent.id);
  input.condition = {{"brakes_work", false}, {"lights_work", false}, {"clean_and_undamaged", true}};
  input.fault = fault_input{"brakes", "The back brake rubs", false};
  const auto receipt = loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now, input);
  REQUIRE(receipt);
  REQUIRE(receipt->faults.size() == 2);
  CHECK(receipt->faults[0].category == "brakes");
  CHECK(receipt->faults[0].note == "The back brake rubs");
  CHECK(receipt->faults[1].category == "lights");
  CHECK_FALSE(receipt->faults[1].safety);
  CHECK(scheme.number("SELECT count(*) FROM fault_reports WHERE loan_id = " + std::to_string(lent.id)) == 2);
}

TEST_CASE_METHOD(bike_on_loan, "a failed lights check alone files a fault and leaves the bike to lend")
{
  auto input = scheme.return_of(lent.id);
  input.condition = {{"lights_work", false}};
  const auto receipt = loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now, input);
  REQUIRE(receipt);
  REQUIRE(receipt->faults.size() == 1);
  CHECK(receipt->faults[0].category == "lights");
  CHECK(receipt->bike_status == "available");
}

TEST_CASE("returning an accessory that was never handed out is invalid")
{
  loan_scheme scheme;
  auto input = scheme.checkout_of(scheme.add_staff("2"), scheme.add_bike(scheme.site_a));
  input.accessories = {"helmet"};
  const auto lent = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, input);
  REQUIRE(lent);
  auto back = scheme.return_of(lent->id);
  back.accessories_returned = {"helmet", "charger"};
  CHECK(refused_field(loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now, back)) ==
        "accessories_returned");
}

TEST_CASE_METHOD(bike_on_loan, "a safety fault at return sends the bike to maintenance instead of the next person")
{
  const auto receipt = scheme.return_with_fault(lent.id, {"brakes", "rear brake pulls to the bar", false});
  REQUIRE(receipt);
  CHECK(receipt->bike_status == "maintenance");
  REQUIRE(receipt->faults.size() == 1);
  CHECK(receipt->faults[0].safety);
  CHECK(receipt->faults[0].loan_id == lent.id);
  CHECK(scheme.bike_status(bike) == "maintenance");
}

TEST_CASE_METHOD(bike_on_loan, "a minor fault at return is recorded and the bike stays in service")
{
  const auto receipt = scheme.return_with_fault(lent.id, {"gears", "slips in top gear", false});
  REQUIRE(receipt);
  CHECK(receipt->bike_status == "available");
  CHECK(scheme.number("SELECT count(*) FROM fault_reports WHERE safety = 0") == 1);

  const auto again = lend(scheme, scheme.add_staff("2"), bike);
  REQUIRE(scheme.return_with_fault(again.id, {"lights", "front light dead", true}));
  CHECK(scheme.bike_status(bike) == "maintenance");
}

TEST_CASE("a renewal extends the loan by its policy's days from the due date")
{
  loan_scheme scheme;
  const auto lent = lend(scheme, scheme.add_staff("7"), scheme.add_bike(scheme.site_a));
  const auto renewed =
      loan_service::renew(scheme.db(), scheme.coordinator, lent.due_at - 3 * loan_scheme::day, lent.id);
  REQUIRE(renewed);
  CHECK(renewed->due_at == lent.due_at + 28 * loan_scheme::day);
  CHECK(renewed->renewals == 1);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'loan.renew'") == 1);
}

TEST_CASE("a loan is renewed only in its last week, so renewals cannot be stacked")
{
  loan_scheme scheme;
  // Checked out 2025-03-10 09:00 UTC for 28 days: due 2025-04-07 09:00, renewable from 2025-03-31 09:00.
  const auto lent = lend(scheme, scheme.add_staff("7"), scheme.add_bike(scheme.site_a));
  const auto opens = lent.due_at - 7 * loan_scheme::day;
  const auto before = scheme.snapshot();
  const auto straight_after_checkout = loan_service::renew(scheme.db(), scheme.coordinator, loan_scheme::now, lent.id);
  REQUIRE_FALSE(straight_after_checkout);
  CHECK(straight_after_checkout.error().code == "renewal_too_early");
  CHECK(straight_after_checkout.error().message ==
        "This loan is not due back until 7 Apr 2025; it can be renewed from 31 Mar 2025 at 09:00 UTC.");
  CHECK(refusal(loan_service::renew(scheme.db(), scheme.coordinator, opens - 1, lent.id)) == "renewal_too_early");
  CHECK(scheme.snapshot() == before);

  const auto renewed = loan_service::renew(scheme.db(), scheme.coordinator, opens, lent.id);
  REQUIRE(renewed);
  CHECK(renewed->due_at == lent.due_at + 28 * loan_scheme::day);
  CHECK(refusal(loan_service::renew(scheme.db(), scheme.coordinator, opens + 60, lent.id)) == "renewal_too_early");
  const auto again = loan_service::renew(scheme.db(), scheme.coordinator, renewed->due_at - loan_scheme::day, lent.id);
  REQUIRE(again);
  CHECK(again->renewals == 2);
  CHECK(again->due_at == lent.due_at + 2 * 28 * loan_scheme::day);
}

TEST_CASE("a loan shorter than two weeks is renewed in its second half, a one-day loan not straight away")
{
  loan_scheme scheme;
  scheme.db().run("UPDATE policy_bands SET max_loan_days = 4 WHERE pay_band = '7'");
  scheme.db().run("UPDATE policy_bands SET max_loan_days = 1 WHERE pay_band = '6'");
  const auto four_days = lend(scheme, scheme.add_staff("7"), scheme.add_bike(scheme.site_a));
  REQUIRE(four_days.due_at == loan_scheme::now + 4 * loan_scheme::day);
  const auto halfway = loan_scheme::now + 2 * loan_scheme::day;
  CHECK(refusal(loan_service::renew(scheme.db(), scheme.coordinator, halfway - 1, four_days.id)) ==
        "renewal_too_early");
  const auto renewed = loan_service::renew(scheme.db(), scheme.coordinator, halfway, four_days.id);
  REQUIRE(renewed);
  CHECK(renewed->due_at == four_days.due_at + 4 * loan_scheme::day);

  // Lent at 09:00 for a day: renewable from 21:00, not at once.
  const auto one_day = lend(scheme, scheme.add_staff("6"), scheme.add_bike(scheme.site_a));
  CHECK(refusal(loan_service::renew(scheme.db(), scheme.coordinator, loan_scheme::now, one_day.id)) ==
        "renewal_too_early");
  CHECK(refusal(loan_service::renew(scheme.db(), scheme.coordinator, loan_scheme::now + 12 * 3600 - 1, one_day.id)) ==
        "renewal_too_early");
  CHECK(loan_service::renew(scheme.db(), scheme.coordinator, loan_scheme::now + 12 * 3600, one_day.id));
}

TEST_CASE("an overdue loan renewed counts its new period from now")
{
  loan_scheme scheme;
  const auto lent = lend(scheme, scheme.add_staff("7"), scheme.add_bike(scheme.site_a));
  const auto late = lent.due_at + 3 * loan_scheme::day;
  const auto renewed = loan_service::renew(scheme.db(), scheme.coordinator, late, lent.id);
  REQUIRE(renewed);
  CHECK(renewed->due_at == late + 28 * loan_scheme::day);
}

TEST_CASE("a renewal is refused while someone of higher or equal tier waits at the site")
{
  loan_scheme scheme;
  const auto lent = lend(scheme, scheme.add_staff("5"), scheme.add_bike(scheme.site_a));
  const auto waiting = scheme.add_staff("5");
  scheme.db().run("INSERT INTO waitlist_entries(staff_id, site_id, priority_tier, joined_at) VALUES (?1, ?2, 2, ?3)",
                  waiting, scheme.site_a, loan_scheme::now);
  const auto before = scheme.snapshot();
  const auto due_soon = lent.due_at - loan_scheme::day;
  CHECK(refusal(loan_service::renew(scheme.db(), scheme.coordinator, due_soon, lent.id)) == "waitlist_priority");
  CHECK(scheme.snapshot() == before);

  scheme.db().run("UPDATE waitlist_entries SET priority_tier = 3");
  CHECK(loan_service::renew(scheme.db(), scheme.coordinator, due_soon, lent.id));
}

TEST_CASE("overdue loans are listed, and a lost one cannot be renewed or returned")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto lent = lend(scheme, scheme.add_staff("9"), bike);
  lend(scheme, scheme.add_staff("1"), scheme.add_bike(scheme.site_b));
  const auto later = lent.due_at + loan_scheme::day;

  const auto overdue = overdue_loans(scheme.db(), later);
  REQUIRE(overdue.size() == 1);
  CHECK(overdue.front().id == lent.id);
  CHECK(overdue.front().overdue_at(later));
  CHECK(overdue_loans(scheme.db(), lent.due_at).empty());

  const auto lost = loan_service::mark_lost(scheme.db(), scheme.coordinator, later, lent.id, "not answering calls");
  REQUIRE(lost);
  CHECK(lost->status == "lost");
  CHECK(scheme.bike_status(bike) == "lost");
  CHECK(overdue_loans(scheme.db(), later).empty());

  const auto before = scheme.snapshot();
  CHECK(refusal(loan_service::renew(scheme.db(), scheme.coordinator, later, lent.id)) == "loan_lost");
  CHECK(refusal(loan_service::mark_lost(scheme.db(), scheme.coordinator, later, lent.id, "")) == "loan_not_active");
  CHECK(refusal(loan_service::return_bike(scheme.db(), scheme.coordinator, later, scheme.return_of(lent.id))) ==
        "loan_not_active");
  CHECK(scheme.snapshot() == before);
}

TEST_CASE("loans can be listed by person, bike, site and status")
{
  loan_scheme scheme;
  const auto alice = scheme.add_staff("2");
  const auto bob = scheme.add_staff("3");
  const auto first_bike = scheme.add_bike(scheme.site_a);
  const auto first = lend(scheme, alice, first_bike);
  REQUIRE(loan_service::return_bike(scheme.db(), scheme.coordinator, loan_scheme::now + 1, scheme.return_of(first.id)));
  const auto second = lend(scheme, alice, scheme.add_bike(scheme.site_b), loan_scheme::now + 2);
  const auto third = lend(scheme, bob, first_bike, loan_scheme::now + 3);

  const auto ids = [&](loan_filter filter) {
    std::vector<std::int64_t> found;
    for (const auto& lent : list_loans(scheme.db(), filter)) found.push_back(lent.id);
    return found;
  };
  loan_filter by_alice;
  by_alice.staff_id = alice;
  CHECK(ids(by_alice) == std::vector<std::int64_t>{second.id, first.id});
  loan_filter by_bike;
  by_bike.bike_id = first_bike;
  CHECK(ids(by_bike) == std::vector<std::int64_t>{third.id, first.id});
  loan_filter by_site;
  by_site.site_id = scheme.site_b;
  CHECK(ids(by_site) == std::vector<std::int64_t>{second.id});
  loan_filter active;
  active.status = "active";
  CHECK(ids(active) == std::vector<std::int64_t>{third.id, second.id});
  page_request second_page;
  second_page.page = 2;
  second_page.page_size = 1;
  const auto paged = list_loans(scheme.db(), active, second_page);
  CHECK(paged->total == 2);
  REQUIRE(paged->items.size() == 1);
  CHECK(paged->items[0].id == second.id);
  CHECK(active_loan_count(scheme.db(), alice) == 1);
  CHECK(find_loan(scheme.db(), 999).error().code == "loan_not_found");
}

TEST_CASE("a page of loans names each borrower only when asked to")
{
  loan_scheme scheme;
  const auto alice = scheme.add_staff("2");
  const auto bob = scheme.add_staff("3");
  lend(scheme, alice, scheme.add_bike(scheme.site_a));
  lend(scheme, bob, scheme.add_bike(scheme.site_b), loan_scheme::now + 1);

  loan_filter at_b;
  at_b.site_id = scheme.site_b;
  page_request by_id;
  by_id.sort = "-id";
  const auto named = list_loans(scheme.db(), at_b, by_id, borrower_names::included);
  REQUIRE(named);
  CHECK(named->total == 1);
  REQUIRE(named->items.size() == 1);
  REQUIRE(named->items[0].borrower);
  CHECK(named->items[0].borrower->staff_number == "S10002");
  CHECK(named->items[0].borrower->name == "Person S10002");
  CHECK(nlohmann::json(named->items[0]).at("staff_name") == "Person S10002");

  const auto unnamed = list_loans(scheme.db(), loan_filter{}, by_id);
  REQUIRE(unnamed);
  CHECK(unnamed->total == 2);
  for (const auto& lent : unnamed->items) {
    CHECK_FALSE(lent.borrower);
    CHECK_FALSE(nlohmann::json(lent).contains("staff_name"));
  }
}

TEST_CASE("a bike whose last battery report is below the policy's lowest charge is refused as charging")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  scheme.db().run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, battery_pct) VALUES (?1, ?2, 51570000, 460000, 12)",
                  bike, (loan_scheme::now - 300) * 1000);
  const auto porter = scheme.add_staff("3");
  const auto before = scheme.snapshot();
  const auto refused = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.checkout_of(porter, bike));
  CHECK(refusal(refused) == "bike_charging");
  CHECK(scheme.snapshot() == before);

  scheme.db().run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, battery_pct) VALUES (?1, ?2, 51570000, 460000, 30)",
                  bike, (loan_scheme::now - 60) * 1000);
  CHECK(lend(scheme, porter, bike).bike_id == bike);
}

TEST_CASE("a page of loans gives each loan its own accessories")
{
  loan_scheme scheme;
  auto helmet_only = scheme.checkout_of(scheme.add_staff("2"), scheme.add_bike(scheme.site_a));
  helmet_only.accessories = {"helmet"};
  REQUIRE(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now, helmet_only));
  auto nothing = scheme.checkout_of(scheme.add_staff("3"), scheme.add_bike(scheme.site_a));
  nothing.accessories = {};
  REQUIRE(loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now + 1, nothing));
  lend(scheme, scheme.add_staff("4"), scheme.add_bike(scheme.site_b), loan_scheme::now + 2);

  page_request by_id;
  by_id.sort = "id";
  const auto listed = list_loans(scheme.db(), loan_filter{}, by_id);
  REQUIRE(listed);
  REQUIRE(listed->items.size() == 3);
  const auto kinds = [](const loan& lent) {
    std::vector<std::string> found;
    for (const auto& item : lent.accessories) found.push_back(item.kind);
    return found;
  };
  CHECK(kinds(listed->items[0]) == std::vector<std::string>{"helmet"});
  CHECK(kinds(listed->items[1]).empty());
  CHECK(kinds(listed->items[2]) == std::vector<std::string>{"charger", "helmet", "lights", "lock"});
}
