#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/loan_decision.hpp"
#include "pedalpower/domain/pay_band.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

const std::string today = "2025-03-10";

// The default policy as a migrated database holds it.
const policy_version& default_policy()
{
  static const policy_version loaded = [] {
    loan_scheme scheme;
    return policy_in_force(scheme.db(), today).value();
  }();
  return loaded;
}

band_rule default_rule(const std::string& band) { return default_policy().rule_for(band).value(); }

staff_member inducted_staff(const std::string& band)
{
  staff_member staff;
  staff.id = 7;
  staff.pay_band = band;
  staff.induction_date = "2025-01-15";
  return staff;
}

bike_facts free_bike() { return {"available", std::nullopt, 0, 1}; }

std::string refusal_code(const decision& answer) { return answer.allowed() ? std::string("allowed") : answer.refusal->code; }

}  // namespace

TEST_CASE("under the default policy every pay band may borrow a free bike")
{
  for (const auto band : pay_bands) {
    const std::string name(band);
    INFO("band " << name);
    CHECK(pay_band_policy::decide_checkout(inducted_staff(name), default_rule(name), 0, free_bike(), today).allowed());
    CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff(name), default_rule(name), 1, free_bike(),
                                                        today)) == "loan_limit_reached");
    auto uninducted = inducted_staff(name);
    uninducted.induction_date.reset();
    CHECK(refusal_code(pay_band_policy::decide_checkout(uninducted, default_rule(name), 0, free_bike(), today)) ==
          "induction_required");
  }
}

TEST_CASE("under the default policy lower bands rank first in a queue")
{
  const std::map<std::string, int> expected_tier{{"1", 1},  {"2", 1},  {"3", 1},  {"4", 1}, {"5", 2},
                                                 {"6", 2},  {"7", 3},  {"8a", 3}, {"8b", 3}, {"8c", 4},
                                                 {"8d", 4}, {"9", 4},  {"other", 4}};
  for (const auto& [band, tier] : expected_tier) {
    INFO("band " << band);
    CHECK(default_rule(band).priority_tier == tier);
  }
  // A band-7 walk-up with one band-2 person waiting and one free bike must leave it to them.
  const bike_facts one_free_one_waiting{"available", std::nullopt, 1, 1};
  CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff("7"), default_rule("7"), 0,
                                                      one_free_one_waiting, today)) == "waitlist_priority");
}

TEST_CASE("a band the policy makes ineligible is refused")
{
  auto closed = default_rule("9");
  closed.eligible = false;
  CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff("9"), closed, 0, free_bike(), today)) ==
        "not_eligible");
}

TEST_CASE("a refusal is a business refusal with words to show")
{
  const auto answer = pay_band_policy::decide_checkout(inducted_staff("9"), default_rule("9"), 3, free_bike(), today);
  REQUIRE_FALSE(answer.allowed());
  CHECK(answer.refusal->kind == problem_kind::refused);
  CHECK_FALSE(answer.refusal->message.empty());
}

TEST_CASE("an inactive staff member is refused before anything else")
{
  auto staff = inducted_staff("2");
  staff.active = false;
  CHECK(refusal_code(pay_band_policy::decide_checkout(staff, default_rule("2"), 0, free_bike(), today)) ==
        "staff_inactive");
}

TEST_CASE("a band without a rule in force is refused as having no policy")
{
  CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff("3"), std::nullopt, 0, free_bike(), today)) ==
        "no_policy");
}

TEST_CASE("induction is needed when the band's rule asks for it")
{
  auto staff = inducted_staff("3");
  staff.induction_date.reset();
  CHECK(refusal_code(pay_band_policy::decide_checkout(staff, default_rule("3"), 0, free_bike(), today)) ==
        "induction_required");

  staff.induction_date = "2025-03-11";
  CHECK(refusal_code(pay_band_policy::decide_checkout(staff, default_rule("3"), 0, free_bike(), today)) ==
        "induction_required");

  auto relaxed = default_rule("3");
  relaxed.induction_required = false;
  staff.induction_date.reset();
  CHECK(pay_band_policy::decide_checkout(staff, relaxed, 0, free_bike(), today).allowed());
}

TEST_CASE("a person at their band's loan limit is refused another bike")
{
  auto rule = default_rule("4");
  CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff("4"), rule, 1, free_bike(), today)) ==
        "loan_limit_reached");
  rule.max_concurrent_loans = 2;
  CHECK(pay_band_policy::decide_checkout(inducted_staff("4"), rule, 1, free_bike(), today).allowed());
}

TEST_CASE("a bike that is not available or reserved cannot be lent")
{
  for (const char* status : {"on_loan", "maintenance", "retired", "lost"}) {
    INFO(status);
    CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff("2"), default_rule("2"), 0,
                                                        {status, std::nullopt, 0, 0}, today)) == "bike_unavailable");
  }
}

TEST_CASE("only the holder of a reservation may take the reserved bike")
{
  const bike_facts held_for_other{"reserved", 99, 0, 0};
  CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff("2"), default_rule("2"), 0, held_for_other,
                                                      today)) == "bike_reserved");
  const bike_facts held_for_me{"reserved", 7, 5, 0};
  CHECK(pay_band_policy::decide_checkout(inducted_staff("2"), default_rule("2"), 0, held_for_me, today).allowed());
}

TEST_CASE("a walk-up may not take the last free bike someone ahead in the queue needs")
{
  const bike_facts contested{"available", std::nullopt, 1, 1};
  CHECK(refusal_code(pay_band_policy::decide_checkout(inducted_staff("7"), default_rule("7"), 0, contested, today)) ==
        "waitlist_priority");
  const bike_facts enough{"available", std::nullopt, 1, 2};
  CHECK(pay_band_policy::decide_checkout(inducted_staff("7"), default_rule("7"), 0, enough, today).allowed());
}

TEST_CASE("the person check alone answers for joining a waiting list")
{
  CHECK(pay_band_policy::decide_person(inducted_staff("1"), default_rule("1"), 0, today).allowed());
  CHECK(refusal_code(pay_band_policy::decide_person(inducted_staff("8a"), default_rule("8a"), 1, today)) ==
        "loan_limit_reached");
}

TEST_CASE("a renewal is refused while someone of higher or equal tier waits without a free bike")
{
  CHECK(pay_band_policy::decide_renewal(inducted_staff("5"), default_rule("5"), 0, 0).allowed());
  CHECK(refusal_code(pay_band_policy::decide_renewal(inducted_staff("5"), default_rule("5"), 1, 0)) ==
        "waitlist_priority");
  CHECK(pay_band_policy::decide_renewal(inducted_staff("5"), default_rule("5"), 1, 1).allowed());
  auto staff = inducted_staff("5");
  staff.active = false;
  CHECK(refusal_code(pay_band_policy::decide_renewal(staff, default_rule("5"), 0, 0)) == "staff_inactive");
}
