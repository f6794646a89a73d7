#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "pedalpower/telematics/estimator.hpp"
#include "synthetic_track.hpp"

using namespace pedalpower::telematics;
using std::chrono::minutes;

namespace {

/// A 5.2 km loop of town streets ridden twice: corners of 8–20 m radius taken at 3.5–5 m/s.
synthetic::path town_loop()
{
  synthetic::path loop;
  for (int lap = 0; lap < 2; ++lap) {
    loop.straight(600.0, 5.5).turn(90.0, 12.0, 4.0).straight(300.0, 5.5).turn(-90.0, 10.0, 4.0);
    loop.straight(200.0, 6.0).turn(90.0, 15.0, 4.0).straight(150.0, 5.0).turn(90.0, 8.0, 3.5);
    loop.straight(500.0, 6.0).turn(90.0, 15.0, 4.5).straight(500.0, 6.0).turn(135.0, 12.0, 4.0);
    loop.straight(212.0, 6.0).turn(45.0, 20.0, 5.0);
  }
  return loop;
}

}  // namespace

TEST_CASE("a straight ride with 5 m of GPS noise measures within 1 % of its length")
{
  const auto road = synthetic::path{}.straight(5000.0, 5.0);
  const auto truth = road.sample();
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    INFO("seed " << seed);
    const auto estimate = estimate_track(synthetic::with_noise(truth, 5.0, seed));
    REQUIRE(estimate.segments.trips.size() == 1);
    CHECK(estimate.distance_m == Approx(road.length_m()).epsilon(0.01));
  }
}

TEST_CASE("raw noisy fixes would overstate the same ride by far more than 1 %")
{
  const auto road = synthetic::path{}.straight(5000.0, 5.0);
  const auto noisy = synthetic::with_noise(road.sample(), 5.0, 1);
  double raw = 0.0;
  for (std::size_t i = 1; i < noisy.size(); ++i) {
    raw += haversine_m({noisy[i - 1].lat, noisy[i - 1].lon}, {noisy[i].lat, noisy[i].lon});
  }
  CHECK(raw > 1.5 * road.length_m());
}

TEST_CASE("a loop with corners and 5 m of GPS noise measures within 1 % of its length")
{
  const auto loop = town_loop();
  const auto truth = loop.sample();
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    INFO("seed " << seed);
    const auto estimate = estimate_track(synthetic::with_noise(truth, 5.0, seed));
    REQUIRE(estimate.segments.trips.size() == 1);
    CHECK(estimate.distance_m == Approx(loop.length_m()).epsilon(0.01));
  }
}

TEST_CASE("a stationary bike with jitter for an hour counts no distance and no trip")
{
  synthetic::path parked;
  parked.stop(3600.0);
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    INFO("seed " << seed);
    const auto estimate = estimate_track(synthetic::with_noise(parked.sample(), 5.0, seed));
    CHECK(estimate.segments.trips.empty());
    CHECK(estimate.distance_m == 0.0);
  }
}

TEST_CASE("a bike on a train counts no cycling distance for the train")
{
  synthetic::path journey;
  journey.straight(2000.0, 5.0).stop(120.0).straight(20'000.0, 100.0 / 3.6).stop(120.0).straight(2000.0, 5.0);
  const auto estimate = estimate_track(synthetic::with_noise(journey.sample(), 5.0, 7));
  CHECK(estimate.distance_m == Approx(4000.0).epsilon(0.02));
  CHECK(estimate.excluded_distance_m == Approx(20'000.0).epsilon(0.02));
  CHECK(estimate.segments.vehicle_stretches.size() == 1);
}

TEST_CASE("a gap of over an hour between two places is not a shortcut counted as riding")
{
  const auto road = synthetic::path{}.straight(3000.0, 5.0);
  const auto before = synthetic::with_noise(road.sample(), 5.0, 8);
  auto after = synthetic::shifted(synthetic::with_noise(road.sample(), 5.0, 9), minutes{75});
  for (auto& fix : after) fix.lon += 0.3;  // 20 km east
  const auto estimate = estimate_track(synthetic::joined(before, after));
  REQUIRE(estimate.segments.trips.size() == 2);
  CHECK(estimate.distance_m == Approx(6000.0).epsilon(0.02));
  CHECK(estimate.excluded_distance_m == 0.0);
}

TEST_CASE("trip indices and counts refer to the track given, dropped fixes included")
{
  synthetic::path road;
  road.stop(30.0).straight(2000.0, 5.0).stop(30.0);
  auto fixes = road.sample();
  for (std::size_t i = 0; i < 40; ++i) fixes[i].accuracy_m = 200.0;  // a cold start on Wi-Fi
  fixes[100].time = fixes[99].time;
  const auto estimate = estimate_track(fixes);
  CHECK(estimate.cleaning.dropped_for(drop_reason::low_accuracy) == 40);
  CHECK(estimate.cleaning.dropped_for(drop_reason::duplicate) == 1);
  CHECK(estimate.cleaning.kept == fixes.size() - 41);
  REQUIRE(estimate.segments.trips.size() == 1);
  const auto& made = estimate.segments.trips[0];
  CHECK(made.first_index >= 40);
  CHECK(fixes[made.first_index].time == made.start_time);
  CHECK(fixes[made.last_index].time == made.end_time);
  CHECK(made.position_count == made.last_index - made.first_index);  // one duplicate inside
}

TEST_CASE("a forged burst of fixes a millisecond apart counts no distance after cleaning either")
{
  std::vector<track_point> burst;
  for (int i = 0; i < 1000; ++i) {
    track_point fix;
    fix.time = synthetic::start_time() + std::chrono::milliseconds{i};
    fix.lat = -20.0 + 0.076 * i;
    fix.lon = 30.0;
    burst.push_back(fix);
  }
  const auto estimate = estimate_track(burst);
  CHECK(estimate.segments.trips.empty());
  CHECK(estimate.distance_m == 0.0);
  CHECK(estimate.segments.impossible_moves > 0);
}
