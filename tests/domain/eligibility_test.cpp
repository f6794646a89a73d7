#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "pedalpower/domain/loan_decision.hpp"
#include "pedalpower/domain/pay_band.hpp"

using namespace pedalpower::domain;

namespace {

const std::string today = "2025-03-10";

// The scheme's starting policy: lower bands first and free; higher bands later and paying.
band_rule default_rule(const std::string& band)
{
  static const std::map<std::string, band_rule> rules{
      {"1", {"1", true, 1, 28, 0, 0, 1, true}},         {"2", {"2", true, 1, 28, 0, 0, 1, true}},
      {"3", {"3", true, 1, 28, 0, 0, 1, true}},         {"4", {"4", true, 1, 28, 0, 0, 1, true}},
      {"5", {"5", true, 2, 28, 500, 5000, 1, true}},    {"6", {"6", true, 2, 28, 500, 5000, 1, true}},
      {"7", {"7", true, 3, 14, 1000, 25000, 1, true}},  {"8a", {"8a", false, 4, 14, 1500, 25000, 1, true}},
      {"8b", {"8b", false, 4, 14, 1500, 25000, 1, true}}, {"8c", {"8c", false, 4, 14, 1500, 25000, 1, true}},
      {"8d", {"8d", false, 4, 14, 1500, 25000, 1, true}}, {"9", {"9", false, 4, 14, 1500, 25000, 1, true}},
      {"other", {"other", true, 3, 14, 1000, 25000, 1, true}},
  };
  return rules.at(band);
}

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

TEST_CASE("each pay band gets the default policy's answer for a free bike")
{
  for (const auto band : pay_bands) {
    const std::string name(band);
    const auto rule = default_rule(name);
    const auto answer = pay_band_policy::decide_checkout(inducted_staff(name), rule, 0, free_bike(), today);
    INFO("band " << name);
    CHECK(refusal_code(answer) == (rule.eligible ? "allowed" : "not_eligible"));
  }
}

TEST_CASE("a refusal is a business refusal with words to show")
{
  const auto answer = pay_band_policy::decide_checkout(inducted_staff("9"), default_rule("9"), 0, free_bike(), today);
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
  CHECK(refusal_code(pay_band_policy::decide_person(inducted_staff("8a"), default_rule("8a"), 0, today)) ==
        "not_eligible");
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
