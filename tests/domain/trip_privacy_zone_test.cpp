#include <catch2/catch.hpp>

#include <cmath>

#include "position_fixture.hpp"
#include "pedalpower/domain/privacy_zones.hpp"
#include "pedalpower/domain/trips.hpp"
#include "pedalpower/telematics/geo.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;
using pedalpower::telematics::geo_point;
using pedalpower::telematics::haversine_m;

namespace {

constexpr auto checkout = loan_scheme::now - 10 * loan_scheme::day;
constexpr geo_point home = tracked_scheme::basildon;

/// 3 km west of home, so a ride due east from there ends at home.
geo_point three_km_west() { return east_of(home, -3000.0); }

// Out from home in the morning, back home in the evening.
struct commuter : tracked_loan {
  commuter() : tracked_loan(checkout, checkout - loan_scheme::day)
  {
    ride(checkout + 3600, home);
    ride(checkout + 8 * 3600, three_km_west());
  }
};

}  // namespace

TEST_CASE("a shown track starts and ends outside the rider's privacy zone while the distance stays whole")
{
  commuter rides;
  REQUIRE(set_privacy_zone(rides.scheme.db(), rides.scheme.coordinator, loan_scheme::now, rides.rider, {home.lat, home.lon, 800}));
  const auto whole = rides.trips({}, false);
  const auto shown = rides.trips({}, true);
  REQUIRE(shown.trips.size() == 2);

  const auto& from_home = *shown.trips[0].shown_track;
  REQUIRE_FALSE(from_home.empty());
  CHECK(haversine_m(home, from_home.front()) > 800.0);
  CHECK(haversine_m(home, from_home.back()) > 800.0);

  const auto& to_home = *shown.trips[1].shown_track;
  REQUIRE_FALSE(to_home.empty());
  CHECK(haversine_m(home, to_home.back()) > 800.0);
  CHECK(haversine_m(home, to_home.front()) > 800.0);

  for (std::size_t i = 0; i < 2; ++i) CHECK(shown.trips[i].distance_m == whole.trips[i].distance_m);
  CHECK(shown.trips[0].distance_m == Approx(3000.0).epsilon(0.02));
}

TEST_CASE("without a privacy zone the shown track runs from the first fix to the last")
{
  commuter rides;
  const auto shown = rides.trips({}, true);
  const auto& track = *shown.trips[0].shown_track;
  REQUIRE_FALSE(track.empty());
  CHECK(haversine_m(home, track.front()) < 1.0);
}

TEST_CASE("a privacy zone is checked, and its centre never reaches the audit log")
{
  commuter rides;
  auto& db = rides.scheme.db();
  const auto& coordinator = rides.scheme.coordinator;
  CHECK(set_privacy_zone(db, coordinator, loan_scheme::now, rides.rider, {home.lat, home.lon, 300}).error().field == "radius_m");
  CHECK(set_privacy_zone(db, coordinator, loan_scheme::now, rides.rider, {95.0, home.lon, 800}).error().field == "lat");
  CHECK(set_privacy_zone(db, coordinator, loan_scheme::now, rides.rider, {0.0, 0.0, 800}).error().field == "lat");
  CHECK(set_privacy_zone(db, coordinator, loan_scheme::now, 999, {home.lat, home.lon, 800}).error().kind ==
        problem_kind::not_found);
  CHECK(rides.scheme.number("SELECT count(*) FROM staff_privacy_zones") == 0);

  REQUIRE(set_privacy_zone(db, coordinator, loan_scheme::now, rides.rider, {home.lat, home.lon, 1000}));
  const auto zone = find_privacy_zone(db, rides.rider);
  REQUIRE(zone.value());
  CHECK(zone.value()->lat == Approx(home.lat));
  CHECK(zone.value()->radius_m == 1000);
  REQUIRE(clear_privacy_zone(db, coordinator, loan_scheme::now, rides.rider));
  CHECK_FALSE(find_privacy_zone(db, rides.rider).value());

  CHECK(rides.scheme.number("SELECT count(*) FROM audit_log WHERE action = 'staff.privacy_zone'") == 2);
  CHECK(rides.scheme.number("SELECT count(*) FROM audit_log WHERE action = 'staff.privacy_zone'"
                            " AND (coalesce(before, '') || coalesce(after, '')) LIKE '%51.5%'") == 0);
}
