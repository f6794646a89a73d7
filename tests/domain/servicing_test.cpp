#include <algorithm>
#include <string_view>

#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/components.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

const actor technician{"user:2:tech"};

service_due status_of(loan_scheme& scheme, std::int64_t bike, const std::string& kind, unix_seconds at)
{
  const auto all = servicing_of_bike(scheme.db(), bike, at);
  REQUIRE(all);
  for (const auto& due : all.value()) {
    if (due.kind == kind) return due;
  }
  FAIL("no " << kind << " schedule applies");
  return {};
}

}  // namespace

TEST_CASE("a service is due by km or by days, whichever comes first, and due soon inside its window")
{
  service_interval safety_check;
  safety_check.every_km = 1000;
  safety_check.every_days = 91;
  safety_check.due_soon_km = 100;
  safety_check.due_soon_days = 14;
  CHECK(assess_service(safety_check, {10, 5, {}}) == service_state::ok);
  CHECK(assess_service(safety_check, {1000, 5, {}}) == service_state::due);      // km first
  CHECK(assess_service(safety_check, {10, 91, {}}) == service_state::due);       // days first
  CHECK(assess_service(safety_check, {905, 5, {}}) == service_state::due_soon);  // inside 100 km
  CHECK(assess_service(safety_check, {10, 80, {}}) == service_state::due_soon);  // inside 14 days
  CHECK(assess_service(safety_check, {899, 76, {}}) == service_state::ok);

  service_interval battery;
  battery.every_cycles = 500;
  battery.every_days = 730;
  battery.due_soon_cycles = 50;
  CHECK(assess_service(battery, {0, 10, 499}) == service_state::due_soon);
  CHECK(assess_service(battery, {0, 10, 500}) == service_state::due);
  CHECK(assess_service(battery, {0, 10, {}}) == service_state::ok);  // cycles unknown: time alone counts
}

TEST_CASE("the migration seeds the fleet default schedules")
{
  loan_scheme scheme;
  const auto defaults = list_schedules(scheme.db(), {});
  REQUIRE(defaults.size() == 4);
  const auto of_kind = [&defaults](std::string_view kind) {
    const auto found = std::find_if(defaults.begin(), defaults.end(), [kind](const auto& s) { return s.kind == kind; });
    REQUIRE(found != defaults.end());
    REQUIRE_FALSE(found->model);
    REQUIRE_FALSE(found->bike_id);
    return *found;
  };
  CHECK(of_kind("safety_check").every_km == 1000);
  CHECK(of_kind("safety_check").every_days == 91);
  CHECK(of_kind("full_service").every_km == 3000);
  CHECK(of_kind("charger_pat").every_days == 365);
  CHECK(of_kind("battery_check").every_cycles == 500);
}

TEST_CASE("a bike ridden 1,000 km needs its safety check before three months, and doing it restarts the count")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  CHECK(status_of(scheme, bike, "safety_check", loan_scheme::now + 10 * loan_scheme::day).state == service_state::ok);
  REQUIRE(record_bike_odometer(scheme.db(), scheme.coordinator, loan_scheme::now, bike, 950'000));
  CHECK(status_of(scheme, bike, "safety_check", loan_scheme::now + 10 * loan_scheme::day).state ==
        service_state::due_soon);
  REQUIRE(record_bike_odometer(scheme.db(), scheme.coordinator, loan_scheme::now, bike, 1'000'000));
  const auto due = status_of(scheme, bike, "safety_check", loan_scheme::now + 10 * loan_scheme::day);
  CHECK(due.state == service_state::due);
  CHECK(due.since.km == Approx(1000.0));
  CHECK(status_of(scheme, bike, "full_service", loan_scheme::now).state == service_state::ok);

  const auto done = record_service(scheme.db(), technician, loan_scheme::now + 10 * loan_scheme::day,
                                   {"safety_check", bike, {}, {}, "pads and cables"});
  REQUIRE(done);
  CHECK(done->odometer_m == 1'000'000);
  const auto after = status_of(scheme, bike, "safety_check", loan_scheme::now + 11 * loan_scheme::day);
  CHECK(after.state == service_state::ok);
  CHECK(after.since.km == Approx(0.0));
  // Then time alone: 91 days after the check.
  CHECK(status_of(scheme, bike, "safety_check", loan_scheme::now + 101 * loan_scheme::day).state == service_state::due);
}

TEST_CASE("a schedule for a bike beats one for its model, which beats the fleet default")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto other = scheme.add_bike(scheme.site_a);
  service_schedule for_model;
  for_model.kind = "safety_check";
  for_model.model = "Motus";
  for_model.every_days = 30;
  REQUIRE(create_schedule(scheme.db(), scheme.coordinator, loan_scheme::now, for_model));
  service_schedule for_bike;
  for_bike.kind = "safety_check";
  for_bike.bike_id = bike;
  for_bike.every_days = 7;
  const auto created = create_schedule(scheme.db(), scheme.coordinator, loan_scheme::now, for_bike);
  REQUIRE(created);
  CHECK(status_of(scheme, bike, "safety_check", loan_scheme::now + 8 * loan_scheme::day).state == service_state::due);
  CHECK(status_of(scheme, other, "safety_check", loan_scheme::now + 8 * loan_scheme::day).state == service_state::ok);
  CHECK(status_of(scheme, other, "safety_check", loan_scheme::now + 30 * loan_scheme::day).state == service_state::due);

  CHECK(refusal(create_schedule(scheme.db(), scheme.coordinator, loan_scheme::now, for_bike)) == "schedule_exists");
  const auto fleet_default = list_schedules(scheme.db(), {"safety_check", {}, {}}).front();
  CHECK(delete_schedule(scheme.db(), scheme.coordinator, loan_scheme::now, fleet_default.id).error().code ==
        "fleet_default_kept");
  REQUIRE(delete_schedule(scheme.db(), scheme.coordinator, loan_scheme::now, created->id));
}

TEST_CASE("a bad interval is invalid and changes nothing")
{
  loan_scheme scheme;
  const auto fleet_default = list_schedules(scheme.db(), {"full_service", {}, {}}).front();
  service_interval none;
  CHECK(update_schedule(scheme.db(), scheme.coordinator, loan_scheme::now, fleet_default.id, none).error().field ==
        "every_days");
  service_interval window_too_wide;
  window_too_wide.every_km = 100;
  window_too_wide.due_soon_km = 100;
  CHECK(update_schedule(scheme.db(), scheme.coordinator, loan_scheme::now, fleet_default.id, window_too_wide)
            .error()
            .field == "due_soon_km");
  CHECK(find_schedule(scheme.db(), fleet_default.id)->every_km == 3000);
}

TEST_CASE("a battery's check falls due by charge cycles, and a charger's test by the year")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  CHECK(servicing_of_bike(scheme.db(), bike, loan_scheme::now)->size() == 2);  // no battery or charger fitted
  const auto battery =
      create_component(scheme.db(), technician, loan_scheme::now, {"battery", "BAT-001", "Shimano 504", 460, 92, bike});
  REQUIRE(battery);
  REQUIRE(create_component(scheme.db(), technician, loan_scheme::now, {"charger", "CH-001", "", {}, {}, bike}));
  CHECK(status_of(scheme, bike, "battery_check", loan_scheme::now).state == service_state::due_soon);
  component_changes cycles;
  cycles.cycle_count = 500;
  REQUIRE(update_component(scheme.db(), technician, loan_scheme::now, battery->id, cycles));
  CHECK(status_of(scheme, bike, "battery_check", loan_scheme::now).state == service_state::due);
  CHECK(status_of(scheme, bike, "charger_pat", loan_scheme::now + 366 * loan_scheme::day).state == service_state::due);

  const auto checked = record_service(scheme.db(), technician, loan_scheme::now, {"battery_check", bike, {}, {}, ""});
  REQUIRE(checked);
  CHECK(checked->component_id == battery->id);
  CHECK(checked->cycle_count == 500);
  CHECK(status_of(scheme, bike, "battery_check", loan_scheme::now).state == service_state::ok);

  const auto due_here = services_due(scheme.db(), scheme.site_a, loan_scheme::now + 366 * loan_scheme::day);
  CHECK(std::any_of(due_here.begin(), due_here.end(), [](const service_due& due) { return due.kind == "charger_pat"; }));
  CHECK(services_due(scheme.db(), scheme.site_b, loan_scheme::now + 366 * loan_scheme::day).empty());
}

TEST_CASE("a charger test needs a charger on the bike")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  CHECK(refused_field(record_service(scheme.db(), technician, loan_scheme::now, {"charger_pat", bike, {}, {}, ""})) ==
        "component_id");
  CHECK(scheme.number("SELECT count(*) FROM service_records") == 0);
}

TEST_CASE("a component moves between bikes with its history kept")
{
  loan_scheme scheme;
  const auto first = scheme.add_bike(scheme.site_a);
  const auto second = scheme.add_bike(scheme.site_a);
  const auto battery = create_component(scheme.db(), technician, loan_scheme::now, {"battery", "BAT-9", "", 10, {}, first});
  REQUIRE(battery);
  const auto replacement = create_component(scheme.db(), technician, loan_scheme::now, {"battery", "BAT-10", "", {}, {}, second});
  REQUIRE(replacement);
  const auto moved = fit_component(scheme.db(), technician, loan_scheme::now + 60, battery->id, second);
  REQUIRE(moved);
  CHECK(moved->bike_id == second);
  REQUIRE(moved->fittings.size() == 2);
  CHECK(moved->fittings.front().bike_id == first);
  CHECK(moved->fittings.front().removed_at == loan_scheme::now + 60);
  CHECK_FALSE(find_component(scheme.db(), replacement->id)->bike_id);  // the bike's old battery came off
  CHECK(fitted_component(scheme.db(), second, "battery")->id == battery->id);
  CHECK_FALSE(fitted_component(scheme.db(), first, "battery"));

  CHECK(create_component(scheme.db(), technician, loan_scheme::now, {"battery", "BAT-9", "", {}, {}, {}}).error().code ==
        "serial_taken");
  component_changes back;
  back.cycle_count = 5;
  CHECK(update_component(scheme.db(), technician, loan_scheme::now, battery->id, back).error().code ==
        "cycle_count_would_decrease");
  REQUIRE(remove_component(scheme.db(), technician, loan_scheme::now + 120, battery->id));
  CHECK(remove_component(scheme.db(), technician, loan_scheme::now + 120, battery->id).error().code == "not_fitted");
}
