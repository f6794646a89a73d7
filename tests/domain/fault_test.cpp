#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/loans.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("brakes, battery, frame and tyre faults are safety faults whatever was ticked")
{
  for (const auto& category : fault_categories) {
    INFO(category.code);
    const bool critical = category.code == "brakes" || category.code == "battery" || category.code == "frame" ||
                          category.code == "tyre";
    CHECK(is_safety_critical(category.code) == critical);
  }
}

TEST_CASE("a reported fault is stored with its safety judgement and audited")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto tyre = scheme.report_fault(bike, {"tyre", "slow puncture", false});
  REQUIRE(tyre);
  CHECK(tyre->safety);
  CHECK_FALSE(tyre->loan_id);
  const auto gears = scheme.report_fault(bike, {"gears", "", false});
  REQUIRE(gears);
  CHECK_FALSE(gears->safety);
  CHECK(scheme.number("SELECT count(*) FROM fault_reports WHERE safety = 1") == 1);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'fault.report'") == 2);
}

TEST_CASE("a fault with an unknown category or an overlong note is invalid and stores nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto unknown = scheme.report_fault(bike, {"wheel", "", true});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().field == "category");
  CHECK(refused_field(scheme.report_fault(bike, {"other", std::string(2001, 'x'), false})) == "note");
  CHECK(scheme.number("SELECT count(*) FROM fault_reports") == 0);
}

TEST_CASE("a fault reported on a bike outside a return is found during its loan if it is out, and a kiosk reports only at its own site")
{
  loan_scheme scheme;
  const auto lent = scheme.add_bike(scheme.site_a);
  const auto parked = scheme.add_bike(scheme.site_a);
  const auto loan = loan_service::check_out(scheme.db(), scheme.coordinator, loan_scheme::now,
                                            scheme.checkout_of(scheme.add_staff("3"), lent));
  REQUIRE(loan);
  const site_scope kiosk_at_a{scheme.site_a};
  const site_scope kiosk_at_b{scheme.site_b};
  const fault_input lights{"lights", "front light flickers", false};

  const auto during_loan =
      report_bike_fault(scheme.db(), scheme.coordinator, loan_scheme::now, kiosk_at_a, lent, lights);
  REQUIRE(during_loan);
  CHECK(during_loan->loan_id == loan->id);
  const auto between_loans = report_bike_fault(scheme.db(), scheme.coordinator, loan_scheme::now, {}, parked, lights);
  REQUIRE(between_loans);
  CHECK_FALSE(between_loans->loan_id);

  CHECK(refusal(report_bike_fault(scheme.db(), scheme.coordinator, loan_scheme::now, kiosk_at_b, parked, lights)) ==
        "other_site");
  const auto unknown = report_bike_fault(scheme.db(), scheme.coordinator, loan_scheme::now, {}, 9999, lights);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().kind == pedalpower::problem_kind::not_found);
  CHECK(scheme.number("SELECT count(*) FROM fault_reports") == 2);
}
