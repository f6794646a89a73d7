#include <catch2/catch.hpp>

#include "position_fixture.hpp"
#include "pedalpower/domain/positions.hpp"

using namespace pedalpower::domain;

TEST_CASE("a batch sent again stores nothing new: ingest is idempotent per device and time")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  scheme.add_tracker("controller-1", bike);
  const auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 300);

  const auto first = scheme.store(fixes);
  const auto again = scheme.store(fixes);
  CHECK(first.accepted == fixes.size());
  CHECK(first.duplicates == 0);
  CHECK(again.accepted == 0);
  CHECK(again.duplicates == fixes.size());
  CHECK(scheme.positions_of(bike) == static_cast<std::int64_t>(fixes.size()));
}

TEST_CASE("a fix repeated within one batch is stored once")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  scheme.add_tracker("controller-1", bike);
  auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 5);
  fixes.push_back(fixes.front());
  const auto stored = scheme.store(fixes);
  CHECK(stored.accepted == fixes.size() - 1);
  CHECK(stored.duplicates == 1);
}

TEST_CASE("positions of an unknown device are refused one by one while the others are stored")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  scheme.add_tracker("controller-1", bike);
  auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 100);
  auto stranger = tracked_scheme::ride("somebody-else", tracked_scheme::at(loan_scheme::now - 7200), 2);
  fixes.insert(fixes.begin() + 3, stranger.begin(), stranger.end());

  const auto stored = scheme.store(fixes);
  CHECK(stored.accepted == fixes.size() - stranger.size());
  REQUIRE(stored.rejected.size() == stranger.size());
  CHECK(stored.rejected.front().index == 3);
  CHECK(stored.rejected.front().code == "unknown_device");
  CHECK(stored.rejected.front().field == "device_id");
  CHECK(scheme.positions_of(bike) == static_cast<std::int64_t>(fixes.size() - stranger.size()));
}

TEST_CASE("a position taken while its tracker was on no bike is refused")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  scheme.add_tracker("controller-1", bike, loan_scheme::now - loan_scheme::day);
  const auto before_fitting = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 2 * loan_scheme::day), 3);
  const auto stored = scheme.store(before_fitting);
  CHECK(stored.accepted == 0);
  REQUIRE(stored.rejected.size() == before_fitting.size());
  CHECK(stored.rejected.front().code == "not_on_a_bike");
  CHECK(scheme.positions_of(bike) == 0);
}

TEST_CASE("a bike's odometer rises to the largest reading received and never falls")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a, 5000);
  scheme.add_tracker("controller-1", bike);
  auto fixes = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 7200), 3);
  fixes[0].odometer_m = 7000.4;
  fixes[1].odometer_m = 7250.0;
  fixes[2].odometer_m = 4000.0;  // a controller reset: must not wind the bike back
  scheme.store(fixes);
  CHECK(scheme.number("SELECT odometer_m FROM bikes") == 7250);

  auto lower = tracked_scheme::ride("controller-1", tracked_scheme::at(loan_scheme::now - 3600), 1);
  lower[0].odometer_m = 10.0;
  scheme.store(lower);
  CHECK(scheme.number("SELECT odometer_m FROM bikes") == 7250);
}

TEST_CASE("a fix is stored in whole units: micro-degrees, milliseconds, decimetres and percent")
{
  pedalpower::telematics::position fix;
  fix.time = tracked_scheme::at(loan_scheme::now) + std::chrono::milliseconds(250);
  fix.lat = 51.5760004;
  fix.lon = -0.4880006;
  fix.accuracy_m = 4.26;
  fix.battery = 0.875;
  fix.odometer_m = 15234.5;
  const auto stored = to_stored_fix(fix);
  CHECK(stored.time_ms == loan_scheme::now * 1000 + 250);
  CHECK(stored.lat_udeg == 51576000);
  CHECK(stored.lon_udeg == -488001);
  CHECK(stored.accuracy_dm == 43);
  CHECK(stored.battery_pct == 88);
  CHECK(stored.odometer_m == 15235);
  CHECK(stored.valid);
}
