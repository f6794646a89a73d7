#include <catch2/catch.hpp>

#include <vector>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/estimator.hpp"
#include "pedalpower/telematics/privacy_zone.hpp"
#include "synthetic_track.hpp"

using namespace pedalpower::telematics;

namespace {

synthetic::path home_to_work()
{
  const auto road = synthetic::path{}.straight(5000.0, 5.0);
  return road;
}

geo_point at(const track_point& fix) { return {fix.lat, fix.lon}; }

}  // namespace

TEST_CASE("the start and end inside privacy zones are cut from what is shown")
{
  const auto fixes = home_to_work().sample();
  const std::vector<privacy_zone> zones{{at(fixes.front()), 800.0}, {at(fixes.back()), 400.0}};
  const auto shown = displayable_track(fixes, zones);
  REQUIRE_FALSE(shown.empty());
  CHECK(haversine_m(zones[0].centre, at(shown.front())) > 800.0);
  CHECK(haversine_m(zones[0].centre, at(shown.front())) < 806.0);
  CHECK(haversine_m(zones[1].centre, at(shown.back())) > 400.0);
  CHECK(shown.size() == Approx(fixes.size() - 1200 / 5).margin(3));
}

TEST_CASE("the distance counted stays whole when the display is trimmed")
{
  const auto fixes = home_to_work().sample();
  const std::vector<privacy_zone> zones{{at(fixes.front()), 1600.0}};
  const auto shown = displayable_track(fixes, zones);
  const auto counted = estimate_track(fixes);
  const auto of_shown = estimate_track(shown);
  CHECK(counted.distance_m == Approx(5000.0).epsilon(0.005));
  CHECK(of_shown.distance_m < counted.distance_m - 1500.0);
}

TEST_CASE("passing through a zone mid-ride is not hidden")
{
  const auto fixes = home_to_work().sample();
  const std::vector<privacy_zone> zones{{at(fixes[fixes.size() / 2]), 800.0}};
  CHECK(displayable_track(fixes, zones).size() == fixes.size());
}

TEST_CASE("a ride wholly inside a zone shows nothing")
{
  synthetic::path round_the_block;
  round_the_block.straight(200.0, 4.0).turn(180.0, 30.0, 4.0).straight(200.0, 4.0);
  const auto fixes = round_the_block.sample();
  const std::vector<privacy_zone> zones{{at(fixes.front()), 500.0}};
  CHECK(displayable_track(fixes, zones).empty());
  CHECK(displayable_track(fixes, {}).size() == fixes.size());
}

TEST_CASE("a zone without a positive radius is refused")
{
  const auto fixes = home_to_work().sample();
  for (const double radius : {0.0, -400.0}) {
    const std::vector<privacy_zone> zones{{at(fixes.front()), radius}};
    CHECK_THROWS_AS(displayable_track(fixes, zones), invalid_input);
  }
}
