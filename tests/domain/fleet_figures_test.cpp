#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/fleet_figures.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "pedalpower/domain/workshop_queue.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("fleet figures count lendable days, downtime, km between faults and cost by site and model")
{
  loan_scheme scheme;
  const auto day = loan_scheme::day;
  const auto workshop_bike = scheme.add_bike(scheme.site_a);
  scheme.add_bike(scheme.site_a);
  scheme.add_bike(scheme.site_b);
  // In the workshop from day 1 at 09:00 to day 3 at 09:00: two day-ends, two days' downtime.
  const auto reported = scheme.report_fault(workshop_bike, {"brakes", "", false}, loan_scheme::now + day);
  REQUIRE(reported);
  REQUIRE(add_part(scheme.db(), scheme.coordinator, loan_scheme::now + day, reported->work_order_id,
                   {0, 0, "Brake pads", "BP-1", 2, 750, "", 0}));
  const actor technician{"user:2:tech"};
  REQUIRE(change_work_order_status(scheme.db(), technician, loan_scheme::now + day, reported->work_order_id, "in_progress", ""));
  REQUIRE(change_work_order_status(scheme.db(), technician, loan_scheme::now + day, reported->work_order_id, "ready_for_check", ""));
  REQUIRE(sign_off_safety_check(scheme.db(), technician, loan_scheme::now + 3 * day, reported->work_order_id,
                                "brakes tested"));
  scheme.db().run("INSERT INTO loans(staff_id, bike_id, site_id, policy_version_id, terms_version, weekly_fee_pence,"
                  " deposit_pence, status, checked_out_at, due_at, start_odometer_m, returned_at, end_odometer_m, created_by)"
                  " VALUES (?1, ?2, ?3, 1, '2025-01', 0, 0, 'returned', ?4, ?5, 0, ?5, 30000, 'test')",
                  scheme.add_staff("3"), workshop_bike, scheme.site_a, loan_scheme::now, loan_scheme::now + day / 2);

  const auto figures = compute_fleet_figures(scheme.db(), {"2025-03-10", "2025-03-13", {}, {}});
  REQUIRE(figures);
  REQUIRE(figures->days.size() == 4);
  CHECK(figures->days[0].lendable == 3);
  CHECK(figures->days[1].lendable == 2);
  CHECK(figures->days[2].lendable == 2);
  CHECK(figures->days[3].lendable == 3);
  CHECK(figures->total.bike_days == 12);
  CHECK(figures->total.lendable_days == 10);
  CHECK(figures->total.downtime_days == Approx(2.0));
  CHECK(figures->total.km == Approx(30.0));
  CHECK(figures->total.faults == 1);
  CHECK(figures->total.cost_pence == 1500);
  REQUIRE(figures->groups.size() == 2);
  CHECK(figures->groups[0].site_id == scheme.site_a);
  CHECK(figures->groups[0].bikes == 2);
  CHECK(figures->groups[1].bikes == 1);
  const nlohmann::json rendered = figures.value();
  CHECK(rendered.at("total").at("km_between_faults") == 30.0);
  CHECK(rendered.at("total").at("cost_per_km_pence") == 50.0);
  CHECK(rendered.at("total").at("lendable_share") == Approx(0.833));

  const auto only_b = compute_fleet_figures(scheme.db(), {"2025-03-10", "2025-03-13", scheme.site_b, {}});
  CHECK(only_b->total.bikes == 1);
  CHECK(only_b->total.downtime_days == Approx(0.0));
}

TEST_CASE("a fleet figures period must be real dates in order and at most a year")
{
  loan_scheme scheme;
  CHECK(compute_fleet_figures(scheme.db(), {"2025-02-30", "2025-03-01", {}, {}}).error().field == "from");
  CHECK(compute_fleet_figures(scheme.db(), {"2025-03-10", "2025-03-01", {}, {}}).error().field == "to");
  CHECK(compute_fleet_figures(scheme.db(), {"2024-01-01", "2025-03-01", {}, {}}).error().field == "to");
}

TEST_CASE("the technician's queue puts open safety jobs first, then services overdue, other jobs, services due soon")
{
  loan_scheme scheme;
  const actor technician{"user:2:tech"};
  const auto gears_bike = scheme.add_bike(scheme.site_a);
  const auto brakes_bike = scheme.add_bike(scheme.site_a);
  const auto ridden = scheme.add_bike(scheme.site_a, 1'000'000);
  const auto nearly = scheme.add_bike(scheme.site_a, 950'000);
  scheme.add_bike(scheme.site_b, 2'000'000);
  REQUIRE(open_work_order(scheme.db(), technician, loan_scheme::now, {gears_bike, "gears", {}, "", {}, {}}));
  REQUIRE(open_work_order(scheme.db(), technician, loan_scheme::now + 5, {brakes_bike, "brakes", {}, "", {}, {}}));

  const auto queue = technician_queue(scheme.db(), scheme.site_a, loan_scheme::now + 60);
  REQUIRE(queue.size() == 4);
  CHECK(queue[0].rank == 1);
  CHECK(queue[0].job->bike_id == brakes_bike);
  CHECK(queue[1].rank == 2);
  CHECK(queue[1].service->bike_id == ridden);
  CHECK(queue[1].service->kind == "safety_check");
  CHECK(queue[2].rank == 3);
  CHECK(queue[2].job->bike_id == gears_bike);
  CHECK(queue[3].rank == 4);
  CHECK(queue[3].service->bike_id == nearly);
  CHECK(technician_queue(scheme.db(), std::nullopt, loan_scheme::now + 60).size() == 5);
}
