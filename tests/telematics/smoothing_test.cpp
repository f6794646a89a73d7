#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/smoothing.hpp"
#include "synthetic_track.hpp"

using namespace pedalpower::telematics;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

double rms_error_m(const std::vector<track_point>& estimate, const std::vector<track_point>& truth)
{
  double sum = 0.0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const double d = haversine_m({estimate[i].lat, estimate[i].lon}, {truth[i].lat, truth[i].lon});
    sum += d * d;
  }
  return std::sqrt(sum / static_cast<double>(truth.size()));
}

synthetic::path commute()
{
  return synthetic::path{}
      .straight(800.0, 5.5)
      .turn(90.0, 15.0, 4.0)
      .straight(600.0, 5.5)
      .turn(-90.0, 12.0, 4.0)
      .straight(700.0, 6.0);
}

}  // namespace

TEST_CASE("smoothing brings noisy fixes much closer to the true path")
{
  const auto truth = commute().sample();
  auto fixes = synthetic::with_noise(truth, 5.0, 11);
  const double raw_error = rms_error_m(fixes, truth);
  smooth_track(fixes);
  CHECK(raw_error > 6.0);
  CHECK(rms_error_m(fixes, truth) < raw_error / 2.0);
}

TEST_CASE("a noise-free straight ride is left where it was")
{
  const auto road = synthetic::path{}.straight(3000.0, 5.0);
  const auto truth = road.sample();
  auto fixes = truth;
  smooth_track(fixes);
  CHECK(rms_error_m(fixes, truth) < 0.01);
}

TEST_CASE("a track far longer than the smoother's buffer is smoothed throughout")
{
  synthetic::path road;
  road.straight(25'000.0, 5.0);  // 5000 fixes: several buffers
  const auto truth = road.sample();
  auto fixes = synthetic::with_noise(truth, 5.0, 12);
  smooth_track(fixes);
  const std::vector<track_point> tail(fixes.end() - 500, fixes.end());
  const std::vector<track_point> tail_truth(truth.end() - 500, truth.end());
  // Raw fixes with 5 m per axis are about 7 m out.
  CHECK(rms_error_m(tail, tail_truth) < 3.0);
  CHECK(rms_error_m(fixes, truth) < 3.0);
}

TEST_CASE("the filter starts afresh after a pause, so a move during it is not smeared")
{
  synthetic::path here;
  here.stop(120.0);
  auto fixes = here.sample();
  // 2.2 km north after 90 s without a fix: a constant-velocity model carried across the pause
  // would bend the fixes before it towards the new place.
  auto there = here.sample(1.0, fixes.back().time + seconds{90});
  for (auto& fix : there) fix.lat += 0.02;
  fixes.insert(fixes.end(), there.begin(), there.end());
  const auto original = fixes;
  smooth_track(fixes);
  CHECK(std::abs(fixes[120].lat - original[120].lat) * synthetic::metres_per_degree < 0.01);
  CHECK(std::abs(fixes[121].lat - original[121].lat) * synthetic::metres_per_degree < 0.01);

  smoothing_options carry_on;
  carry_on.restart_after = minutes{5};
  auto smeared = original;
  smooth_track(smeared, carry_on);
  CHECK(std::abs(smeared[120].lat - original[120].lat) * synthetic::metres_per_degree > 1.0);
}

TEST_CASE("disabled smoothing leaves the fixes untouched")
{
  const auto noisy = synthetic::with_noise(commute().sample(), 5.0, 13);
  auto fixes = noisy;
  smoothing_options off;
  off.enabled = false;
  smooth_track(fixes, off);
  CHECK(fixes == noisy);
}

TEST_CASE("a fix reporting better accuracy pulls the estimate harder")
{
  synthetic::path still;
  still.stop(20.0);
  auto loose = still.sample();
  loose[10].lat += 20.0 / synthetic::metres_per_degree;
  auto tight = loose;
  for (auto& fix : loose) fix.accuracy_m = 15.0;
  for (auto& fix : tight) fix.accuracy_m = 15.0;
  tight[10].accuracy_m = 1.0;
  smooth_track(loose);
  smooth_track(tight);
  CHECK(tight[10].lat - synthetic::origin.lat > 2.0 * (loose[10].lat - synthetic::origin.lat));
}
