#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/faults.hpp"

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
  const auto tyre = report_fault(scheme.db(), scheme.coordinator, loan_scheme::now, bike, std::nullopt,
                                 {"tyre", "slow puncture", false});
  REQUIRE(tyre);
  CHECK(tyre->safety);
  CHECK_FALSE(tyre->loan_id);
  const auto gears = report_fault(scheme.db(), scheme.coordinator, loan_scheme::now, bike, std::nullopt,
                                  {"gears", "", false});
  REQUIRE(gears);
  CHECK_FALSE(gears->safety);
  CHECK(scheme.number("SELECT count(*) FROM fault_reports WHERE safety = 1") == 1);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'fault.report'") == 2);
}

TEST_CASE("a fault with an unknown category or an overlong note is invalid and stores nothing")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto unknown = report_fault(scheme.db(), scheme.coordinator, loan_scheme::now, bike, std::nullopt,
                                    {"wheel", "", true});
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().field == "category");
  const auto wordy = report_fault(scheme.db(), scheme.coordinator, loan_scheme::now, bike, std::nullopt,
                                  {"other", std::string(2001, 'x'), false});
  REQUIRE_FALSE(wordy);
  CHECK(wordy.error().field == "note");
  CHECK(scheme.number("SELECT count(*) FROM fault_reports") == 0);
}
