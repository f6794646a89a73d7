#include <catch2/catch.hpp>

#include <vector>

#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/trip_segmenter.hpp"
#include "synthetic_track.hpp"

using namespace pedalpower::telematics;
using std::chrono::duration_cast;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

/// Sums the haversine between consecutive fixes: the reference the segmenter must match.
double polyline_m(const std::vector<track_point>& fixes, std::size_t from, std::size_t to)
{
  double total = 0.0;
  for (std::size_t i = from; i < to; ++i) {
    total += haversine_m({fixes[i].lat, fixes[i].lon}, {fixes[i + 1].lat, fixes[i + 1].lon});
  }
  return total;
}

/// Gives every fix an odometer reading: `start_m` plus `scale` times the true distance so far.
std::vector<track_point> with_odometer(std::vector<track_point> fixes, double start_m, double scale)
{
  double so_far = 0.0;
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    if (i > 0) so_far += haversine_m({fixes[i - 1].lat, fixes[i - 1].lon}, {fixes[i].lat, fixes[i].lon});
    fixes[i].odometer_m = start_m + scale * so_far;
  }
  return fixes;
}

synthetic::path ride_3km()
{
  const auto road = synthetic::path{}.straight(1500.0, 5.0).turn(90.0, 20.0, 4.0).straight(1468.6, 5.0);
  return road;
}

}  // namespace

TEST_CASE("a ride's distance is the haversine along it, start to end")
{
  synthetic::path road;
  road.stop(60.0).straight(3000.0, 5.0).stop(600.0);
  const auto fixes = road.sample();
  const auto result = trip_segmenter().segment(fixes);
  REQUIRE(result.trips.size() == 1);
  const auto& made = result.trips[0];
  // A trip starts with its first moving step and ends with its last, so up to a minimum move
  // (10 m) at each end goes uncounted.
  CHECK(made.distance_m == Approx(3000.0).margin(20.0));
  CHECK(made.distance_m == Approx(polyline_m(fixes, made.first_index, made.last_index)).epsilon(1e-7));
  CHECK(made.source == distance_source::gps_track);
  CHECK(made.start_time >= fixes[60].time);
  CHECK(made.end_time <= fixes[660].time);
  CHECK(static_cast<double>(made.moving_time.count()) == Approx(600'000.0).margin(2'000.0));
  CHECK(made.position_count == made.last_index - made.first_index + 1);
  CHECK(made.excluded_distance_m == 0.0);
}

TEST_CASE("a stop of five minutes ends a trip, a shorter one does not")
{
  synthetic::path two_trips;
  two_trips.straight(2000.0, 5.0).stop(301.0).straight(2000.0, 5.0);
  const auto split = trip_segmenter().segment(two_trips.sample());
  REQUIRE(split.trips.size() == 2);
  // The step that leaves a stop is mostly waiting, so it is not counted.
  CHECK(split.trips[0].distance_m == Approx(2000.0).margin(20.0));
  CHECK(split.trips[1].distance_m == Approx(2000.0).margin(30.0));

  synthetic::path traffic_light;
  traffic_light.straight(2000.0, 5.0).stop(90.0).straight(2000.0, 5.0);
  const auto whole = trip_segmenter().segment(traffic_light.sample());
  REQUIRE(whole.trips.size() == 1);
  CHECK(whole.trips[0].distance_m == Approx(4000.0).margin(20.0));
  CHECK(whole.trips[0].moving_time < whole.trips[0].end_time - whole.trips[0].start_time - seconds{85});
}

TEST_CASE("a gap of an hour ends the trip and its straight line is never counted")
{
  const auto road = synthetic::path{}.straight(3000.0, 5.0);
  const auto before = road.sample();
  auto after = synthetic::following(before, road.sample(), minutes{61});
  for (auto& fix : after) fix.lon += 0.3;  // 20 km east
  const auto result = trip_segmenter().segment(synthetic::joined(before, after));
  REQUIRE(result.trips.size() == 2);
  CHECK(result.trips[0].distance_m == Approx(3000.0).margin(10.0));
  CHECK(result.trips[1].distance_m == Approx(3000.0).margin(10.0));
}

TEST_CASE("slow creeping in a trip counts once riding resumes, but never starts a trip")
{
  const auto road = synthetic::path{}.straight(1000.0, 5.0).straight(100.0, 1.0).straight(1000.0, 5.0);
  const auto result = trip_segmenter().segment(road.sample());
  REQUIRE(result.trips.size() == 1);
  CHECK(result.trips[0].distance_m == Approx(2100.0).margin(15.0));

  synthetic::path walking;
  walking.straight(1500.0, 1.2);
  CHECK(trip_segmenter().segment(walking.sample()).trips.empty());
}

TEST_CASE("a sustained 100 km/h stretch is excluded as a vehicle")
{
  const auto road = synthetic::path{}.straight(2000.0, 5.0).straight(20'000.0, 100.0 / 3.6).straight(2000.0, 5.0);
  const auto result = trip_segmenter().segment(road.sample());
  REQUIRE(result.trips.size() == 1);
  CHECK(result.trips[0].distance_m == Approx(4000.0).margin(40.0));
  CHECK(result.trips[0].excluded_distance_m == Approx(20'000.0).margin(40.0));
  REQUIRE(result.vehicle_stretches.size() == 1);
  CHECK(result.vehicle_stretches[0].trip == 0);
  CHECK(result.vehicle_stretches[0].distance_m == result.trips[0].excluded_distance_m);
}

TEST_CASE("a half-minute sprint above 40 km/h is still cycling")
{
  const auto road = synthetic::path{}.straight(2000.0, 5.0).straight(30.0 * 12.0, 12.0).straight(2000.0, 5.0);
  const auto result = trip_segmenter().segment(road.sample());
  REQUIRE(result.trips.size() == 1);
  CHECK(result.trips[0].excluded_distance_m == 0.0);
  CHECK(result.trips[0].distance_m == Approx(4360.0).margin(20.0));
  CHECK(result.vehicle_stretches.empty());
}

TEST_CASE("vehicle detection can be switched off")
{
  const auto road = synthetic::path{}.straight(2000.0, 5.0).straight(20'000.0, 100.0 / 3.6);
  cleaning_options count_everything;
  count_everything.vehicle_speed_mps.reset();
  const auto result = trip_segmenter({}, count_everything).segment(road.sample());
  REQUIRE(result.trips.size() == 1);
  CHECK(result.trips[0].distance_m == Approx(22'000.0).margin(40.0));
}

TEST_CASE("the odometer is used when it agrees with the track")
{
  const auto fixes = with_odometer(ride_3km().sample(), 15'000.0, 1.04);  // wheel size set 4 % large
  const auto result = trip_segmenter().segment(fixes);
  REQUIRE(result.trips.size() == 1);
  const auto& made = result.trips[0];
  REQUIRE(made.odometer_distance_m);
  CHECK(made.source == distance_source::odometer);
  CHECK(made.distance_m == *made.odometer_distance_m);
  CHECK(made.distance_m == Approx(made.track_distance_m * 1.04).epsilon(0.005));
}

TEST_CASE("the track is used when the odometer disagrees, was reset, or is missing")
{
  const auto fixes = ride_3km().sample();
  for (const double scale : {1.5, -1.0}) {
    INFO(scale);
    const auto result = trip_segmenter().segment(with_odometer(fixes, 15'000.0, scale));
    REQUIRE(result.trips.size() == 1);
    CHECK(result.trips[0].source == distance_source::gps_track);
    CHECK(result.trips[0].distance_m == result.trips[0].track_distance_m);
    CHECK(result.trips[0].odometer_distance_m);
  }
  auto partly = with_odometer(fixes, 15'000.0, 1.0);
  const auto whole = trip_segmenter().segment(partly);
  REQUIRE(whole.trips.size() == 1);
  partly[whole.trips[0].last_index].odometer_m.reset();
  const auto result = trip_segmenter().segment(partly);
  REQUIRE(result.trips.size() == 1);
  CHECK(result.trips[0].source == distance_source::gps_track);
  CHECK_FALSE(result.trips[0].odometer_distance_m);
}

TEST_CASE("a movement both shorter and briefer than the minimum is not a trip")
{
  synthetic::path hop;
  hop.stop(400.0).straight(150.0, 4.0).stop(400.0);
  const auto result = trip_segmenter().segment(hop.sample());
  CHECK(result.trips.empty());
  CHECK(result.short_trips_dropped == 1);

  synthetic::path long_enough;
  long_enough.stop(400.0).straight(250.0, 4.0).stop(400.0);
  CHECK(trip_segmenter().segment(long_enough.sample()).trips.size() == 1);
}

TEST_CASE("fixes closer than the minimum move to the last counted point add nothing")
{
  synthetic::path parked;
  parked.stop(600.0);
  const auto result = trip_segmenter().segment(parked.sample());
  CHECK(result.trips.empty());
  CHECK(result.fixes_within_min_move == 600);
}

TEST_CASE("distance sources have stable names")
{
  CHECK(to_string(distance_source::gps_track) == "gps_track");
  CHECK(to_string(distance_source::odometer) == "odometer");
}

namespace {

/// `fixes` with the times of arrival of a device that sends what it held all at once: `spacing` apart from `at`.
std::vector<track_point> uploaded_together(std::vector<track_point> fixes, time_point at, milliseconds spacing)
{
  for (auto& fix : fixes) {
    fix.time = at;
    fix.time_estimated = true;
    at += spacing;
  }
  return fixes;
}

/// The fixes of `fixes` outside [from_s, to_s) seconds after its first.
std::vector<track_point> without_seconds(const std::vector<track_point>& fixes, int from_s, int to_s)
{
  std::vector<track_point> kept;
  for (const auto& fix : fixes) {
    const auto at = duration_cast<seconds>(fix.time - fixes.front().time).count();
    if (at < from_s || at >= to_s) kept.push_back(fix);
  }
  return kept;
}

}  // namespace

TEST_CASE("a break in the record is not cycling: its straight line is reported as unobserved")
{
  const auto road = synthetic::path{}.straight(1500.0, 5.0);
  const auto before = road.sample();
  auto after = synthetic::following(before, road.sample(), seconds{200});
  for (auto& fix : after) fix.lat += 0.009;  // 1 km north of the first ride
  after.front().follows_break = true;
  const auto result = trip_segmenter().segment(synthetic::joined(before, after));
  REQUIRE(result.trips.size() == 1);  // 200 s is shorter than a stop: the trip goes on
  const double across_m = haversine_m({before.back().lat, before.back().lon}, {after.front().lat, after.front().lon});
  // Each recorded stretch may lose up to a minimum move at either end, as any ride does.
  CHECK(result.trips[0].distance_m == Approx(3000.0).margin(4 * 10.0));
  CHECK(result.trips[0].unobserved_distance_m == Approx(across_m).margin(10.0));
  CHECK(result.unobserved_distance_m == result.trips[0].unobserved_distance_m);
  CHECK(result.breaks_bridged == 0);
}

TEST_CASE("a silence of over a minute in a tracker's fixes is a break like a GPX segment's")
{
  const auto road = synthetic::path{}.straight(1000.0, 5.0).turn(90.0, 10.0, 5.0).straight(1000.0, 5.0);
  // Silent through the corner: the straight line across cuts it, and nothing says the bike went straight.
  const auto fixes = without_seconds(road.sample(), 170, 240);
  const auto result = trip_segmenter().segment(fixes);
  REQUIRE(result.trips.size() == 1);
  CHECK(result.breaks_bridged == 0);
  CHECK(result.trips[0].unobserved_distance_m > 100.0);
  CHECK(result.trips[0].distance_m + result.trips[0].unobserved_distance_m < road.length_m());
}

TEST_CASE("a short break riding on in a straight line, as through a tunnel, is bridged as cycling")
{
  const auto road = synthetic::path{}.straight(3000.0, 5.0);
  const auto tracker = without_seconds(road.sample(), 200, 290);  // 90 s without reception
  auto result = trip_segmenter().segment(tracker);
  REQUIRE(result.trips.size() == 1);
  CHECK(result.breaks_bridged == 1);
  CHECK(result.trips[0].distance_m == Approx(3000.0).margin(10.0));
  CHECK(result.unobserved_distance_m == 0.0);

  auto gpx = road.sample();
  gpx[400].follows_break = true;  // a new segment a second later, as a logger writes after a tunnel
  result = trip_segmenter().segment(gpx);
  CHECK(result.breaks_bridged == 1);
  CHECK(result.trips[0].distance_m == Approx(3000.0).margin(10.0));

  const auto too_long = without_seconds(road.sample(), 200, 350);  // 150 s: longer than any underpass
  result = trip_segmenter().segment(too_long);
  CHECK(result.breaks_bridged == 0);
  CHECK(result.unobserved_distance_m == Approx(750.0).margin(10.0));
}

TEST_CASE("fixes stamped on arrival and uploaded together are neither an impossible burst nor riding")
{
  const auto road = synthetic::path{}.straight(2000.0, 5.0);
  const auto held = road.sample(10.0);
  const auto arrived = uploaded_together(held, synthetic::start_time() + hours{2}, milliseconds{3});
  const auto result = trip_segmenter().segment(arrived);
  CHECK(result.trips.empty());
  CHECK(result.impossible_moves == 0);
  CHECK(result.vehicle_stretches.empty());
  CHECK(result.unobserved_distance_m == Approx(2000.0).margin(1.0));
}

TEST_CASE("fixes stamped on arrival as they are taken count as riding at a bike's speed")
{
  const auto road = synthetic::path{}.straight(2000.0, 5.0);
  auto live = road.sample(5.0);
  for (auto& fix : live) fix.time_estimated = true;
  const auto result = trip_segmenter().segment(live);
  REQUIRE(result.trips.size() == 1);
  CHECK(result.trips[0].distance_m == Approx(2000.0).margin(10.0));
}

TEST_CASE("a burst of fixes a millisecond apart far away never becomes a trip")
{
  std::vector<track_point> burst;
  auto at = synthetic::start_time();
  for (int i = 0; i < 1000; ++i) {
    track_point fix;
    fix.time = at + milliseconds{i};
    fix.lat = -20.0 + 0.076 * i;  // 8.5 km a step, as the forged 8,502 km "trip" went, from 7,000 km off
    fix.lon = 30.0;
    burst.push_back(fix);
  }
  const auto result = trip_segmenter().segment(burst);
  CHECK(result.trips.empty());
  CHECK(result.impossible_moves == 999);
  CHECK(result.impossible_distance_m == Approx(999 * 8451.0).epsilon(0.01));
}

TEST_CASE("a fast stretch shorter than a minute but faster than any e-bike is a vehicle, not cycling")
{
  const auto road = synthetic::path{}.straight(1000.0, 5.0).straight(50.0 * 45.0, 45.0).straight(1000.0, 5.0);
  const auto result = trip_segmenter().segment(road.sample());
  REQUIRE(result.trips.size() == 1);
  CHECK(result.trips[0].distance_m == Approx(2000.0).margin(60.0));
  CHECK(result.trips[0].excluded_distance_m == Approx(2250.0).margin(60.0));
  CHECK(result.vehicle_stretches.size() == 1);
}
