#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/bike_charge.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

void report_battery(loan_scheme& scheme, std::int64_t bike, unix_seconds at, int percent)
{
  scheme.db().run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, battery_pct) VALUES (?1, ?2, 51570000, 460000, ?3)",
                  bike, at * 1000, percent);
}

void fit_battery(loan_scheme& scheme, std::int64_t bike, const std::string& model, std::optional<int> health)
{
  scheme.db().run("INSERT INTO components(kind, serial, model, health_pct, in_service_at, created_at, updated_at)"
                  " VALUES ('battery', ?1, ?2, ?3, ?4, ?4, ?4)",
                  "BAT-" + std::to_string(bike), model, health, loan_scheme::now - 100 * loan_scheme::day);
  scheme.db().run("INSERT INTO component_fittings(component_id, bike_id, fitted_at, fitted_by) VALUES (?1, ?2, ?3, 'test')",
                  scheme.db().last_insert_rowid(), bike, loan_scheme::now - 100 * loan_scheme::day);
}

}  // namespace

TEST_CASE("a bike's charge is its tracker's newest battery report of the last day")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  CHECK_FALSE(last_charge(scheme.db(), bike, loan_scheme::now).percent);

  report_battery(scheme, bike, loan_scheme::now - 3600, 64);
  report_battery(scheme, bike, loan_scheme::now - 600, 81);
  scheme.db().run("INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg) VALUES (?1, ?2, 51570000, 460000)", bike,
                  (loan_scheme::now - 60) * 1000);
  const auto charge = last_charge(scheme.db(), bike, loan_scheme::now);
  CHECK(charge.percent == 81);
  CHECK(charge.reported_at == loan_scheme::now - 600);
  CHECK_FALSE(charge.range_km);  // no battery fitted with a known capacity
}

TEST_CASE("a battery report older than a day says nothing about the charge now")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  report_battery(scheme, bike, loan_scheme::now - charge_reading_kept_for - 60, 12);
  CHECK_FALSE(last_charge(scheme.db(), bike, loan_scheme::now).percent);
  CHECK_FALSE(needs_charging(last_charge(scheme.db(), bike, loan_scheme::now), 30));
}

TEST_CASE("the range counts the fitted battery's capacity and health at 10 Wh per km")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  fit_battery(scheme, bike, "36V 418Wh", 90);
  report_battery(scheme, bike, loan_scheme::now - 60, 50);
  // 418 Wh x 0.9 x 0.5 / 10 Wh/km
  CHECK(last_charge(scheme.db(), bike, loan_scheme::now).range_km == Approx(18.8));
}

TEST_CASE("a battery's capacity is read from the watt-hours its model names")
{
  CHECK(battery_capacity_wh("36V 418Wh") == 418);
  CHECK(battery_capacity_wh("Shimano BT-E8036 630 Wh") == 630);
  CHECK(battery_capacity_wh("500wh frame battery") == 500);
  CHECK_FALSE(battery_capacity_wh("36V 11.6Ah"));
  CHECK_FALSE(battery_capacity_wh("Which battery"));
  CHECK_FALSE(battery_capacity_wh(""));
}

TEST_CASE("only a known charge below the threshold needs charging")
{
  CHECK(needs_charging({29, loan_scheme::now, std::nullopt}, 30));
  CHECK_FALSE(needs_charging({30, loan_scheme::now, std::nullopt}, 30));
  CHECK_FALSE(needs_charging({std::nullopt, std::nullopt, std::nullopt}, 30));
  CHECK_FALSE(needs_charging({5, loan_scheme::now, std::nullopt}, 0));
}
