#include <catch2/catch.hpp>

#include <vector>

#include "pedalpower/telematics/position.hpp"

using namespace pedalpower::telematics;
using std::chrono::March;
using std::chrono::seconds;
using std::chrono::sys_days;
using std::chrono::year;

TEST_CASE("a track keeps what the estimator reads from each position, in order")
{
  position first;
  first.device_id = "bike-7";
  first.time = time_point{sys_days{year{2025} / March / 3}};
  first.lat = 51.5;
  first.lon = 0.4;
  first.accuracy_m = 4.0;
  first.odometer_m = 1200.0;
  first.speed_mps = 5.0;
  first.attributes["event"] = "motionchange";
  position second = first;
  second.time += seconds{1};
  second.valid = false;
  second.odometer_m.reset();

  const std::vector<position> positions{first, second};
  const auto track = to_track(positions);
  REQUIRE(track.size() == 2);
  CHECK(track[0] == track_point{first.time, 51.5, 0.4, 4.0, 1200.0, true});
  CHECK(track[1] == track_point{second.time, 51.5, 0.4, 4.0, std::nullopt, false});
}
