// Times the whole distance estimator (cleaning, smoothing, trips and distance) over simulated
// commuting: a fleet of bikes, each ridden to work and home again every day at 1 Hz, with GPS
// noise, traffic lights, tunnels, cold starts on Wi-Fi, re-sent and wild fixes, an occasional lift
// in a car, and a fix every five minutes while parked. The fixes are made from a fixed seed, so
// every run times the same track. Their coordinates are written to a file for bare_haversine, the
// floor the estimator is judged against. Making the fixes and writing the file are not timed.
//
// Usage: estimator_bench COORDINATES_FILE [POSITIONS [REPEATS]]
//   COORDINATES_FILE  written: the fixes' lat, lon as native doubles, one pair after another
//   POSITIONS         how many fixes in all (default 10,000,000)
//   REPEATS           how many times the estimator runs over them; the fastest run counts (default 3)

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <numbers>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "pedalpower/telematics/estimator.hpp"

namespace {

using namespace pedalpower::telematics;
using std::chrono::milliseconds;

constexpr std::size_t fixes_per_bike = 100'000;  // about a month of commuting
constexpr std::uint64_t seed = 20250303;
constexpr double metres_per_degree = mean_earth_radius_m * std::numbers::pi / 180.0;
constexpr geo_point basildon{51.5760, 0.4880};
constexpr double parked_report_interval_s = 300.0;

struct local_point {
  double x = 0.0;  ///< metres east of Basildon
  double y = 0.0;  ///< metres north of Basildon
};

/// Makes one bike's month of commuting, fix by fix, until it has as many as asked for.
class commute_simulator {
public:
  commute_simulator(std::mt19937_64& random, std::vector<track_point>& out, std::size_t fixes)
      : random_(random), out_(out), end_(out.size() + fixes)
  {
    home_ = {uniform(-8000.0, 8000.0), uniform(-8000.0, 8000.0)};
    work_ = {uniform(-1500.0, 1500.0), uniform(-1500.0, 1500.0)};
    here_ = home_;
  }

  void run()
  {
    for (int day = 0; !full(); ++day) {
      const double midnight = day * 86'400.0;
      park_until(midnight + 7.0 * 3600.0 + uniform(0.0, 5400.0));
      ride_to(work_);
      park_until(midnight + 16.5 * 3600.0 + uniform(0.0, 7200.0));
      ride_to(home_);
      // No fixes overnight: the phone's tracking app is closed at home.
      now_s_ = midnight + 86'400.0;
    }
  }

private:
  bool full() const { return out_.size() >= end_; }

  double uniform(double low, double high) { return std::uniform_real_distribution<double>(low, high)(random_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }

  void park_until(double until_s)
  {
    while (now_s_ < until_s && !full()) {
      report(here_, uniform(5.0, 25.0));  // indoors or between buildings: poorer fixes
      now_s_ += parked_report_interval_s;
    }
    now_s_ = std::max(now_s_, until_s);
  }

  /// Rides toward `destination` at 1 Hz, wandering off the straight line as streets do.
  void ride_to(local_point destination)
  {
    double wander = 0.0;  // radians off the bearing to the destination
    double next_junction_m = uniform(200.0, 900.0);
    double lift_left_s = 0.0;
    const double cruise_mps = uniform(4.0, 6.5);
    for (int cold_start = 0; cold_start < 8 && !full(); ++cold_start) tick(uniform(60.0, 150.0));
    for (double travelled_m = 0.0; !full();) {
      const double dx = destination.x - here_.x;
      const double dy = destination.y - here_.y;
      const double left_m = std::hypot(dx, dy);
      if (left_m < 15.0) break;
      const bool in_a_car = lift_left_s > 0.0;
      if (travelled_m >= next_junction_m && !in_a_car) {
        for (double wait = uniform(0.0, 60.0); wait > 0.0 && !full(); wait -= 1.0) tick(uniform(4.0, 10.0));
        next_junction_m = travelled_m + uniform(200.0, 900.0);
        wander = uniform(-0.8, 0.8);
      }
      if (!in_a_car && chance(1.0 / 50'000.0)) lift_left_s = uniform(120.0, 400.0);
      const double speed = lift_left_s > 0.0 ? 15.0 : cruise_mps + uniform(-0.5, 0.5);
      lift_left_s -= 1.0;
      wander = std::clamp(wander + uniform(-0.05, 0.05), -0.8, 0.8);
      const double heading = std::atan2(dy, dx) + wander;
      const double step = std::min(speed, left_m);
      here_.x += step * std::cos(heading);
      here_.y += step * std::sin(heading);
      travelled_m += step;
      if (chance(0.002)) {
        now_s_ += uniform(5.0, 40.0);  // a tunnel or an underpass: no fix
        continue;
      }
      tick(uniform(3.0, 10.0));
    }
  }

  /// One fix a second while out, with the mishaps a phone's feed has.
  void tick(double accuracy_m)
  {
    if (chance(0.001)) {
      report({here_.x + uniform(-2000.0, 2000.0), here_.y + uniform(-2000.0, 2000.0)}, accuracy_m);  // wild
    } else {
      report(here_, accuracy_m);
    }
    if (chance(0.001) && !full()) out_.push_back(out_.back());  // re-sent
    now_s_ += 1.0;
  }

  void report(local_point where, double accuracy_m)
  {
    // A phone's 68 % radius is about 1.5 standard deviations per axis.
    std::normal_distribution<double> error(0.0, accuracy_m / 1.5);
    track_point fix;
    fix.time = time_ + milliseconds{static_cast<std::int64_t>(std::llround(now_s_ * 1000.0))};
    fix.lat = basildon.lat + (where.y + error(random_)) / metres_per_degree;
    fix.lon = basildon.lon +
              (where.x + error(random_)) / (metres_per_degree * std::cos(basildon.lat * std::numbers::pi / 180.0));
    fix.accuracy_m = accuracy_m;
    out_.push_back(fix);
  }

  std::mt19937_64& random_;
  std::vector<track_point>& out_;
  std::size_t end_;
  local_point home_;
  local_point work_;
  local_point here_;
  /// Monday 2025-03-03, midnight UTC.
  time_point time_{std::chrono::sys_days{std::chrono::year{2025} / std::chrono::March / 3}};
  double now_s_ = 0.0;
};

struct fleet_track {
  std::vector<track_point> fixes;
  std::vector<std::span<const track_point>> bikes;
};

fleet_track simulate_fleet(std::size_t positions)
{
  fleet_track fleet;
  fleet.fixes.reserve(positions);
  std::mt19937_64 random(seed);
  std::vector<std::size_t> starts;
  while (fleet.fixes.size() < positions) {
    starts.push_back(fleet.fixes.size());
    commute_simulator(random, fleet.fixes, std::min(fixes_per_bike, positions - fleet.fixes.size())).run();
  }
  starts.push_back(fleet.fixes.size());
  for (std::size_t bike = 0; bike + 1 < starts.size(); ++bike) {
    fleet.bikes.emplace_back(fleet.fixes.data() + starts[bike], starts[bike + 1] - starts[bike]);
  }
  return fleet;
}

/// What the estimates of every bike add up to, printed so the work cannot be optimised away and a
/// reader can see the simulated rides were found as rides.
struct fleet_totals {
  std::size_t kept = 0;
  std::size_t trips = 0;
  double distance_m = 0.0;
  double excluded_distance_m = 0.0;

  void add(const track_estimate& estimate)
  {
    kept += estimate.cleaning.kept;
    trips += estimate.segments.trips.size();
    distance_m += estimate.distance_m;
    excluded_distance_m += estimate.excluded_distance_m;
  }
};

void write_coordinates(const std::string& path, std::span<const track_point> fixes)
{
  std::vector<double> pairs;
  pairs.reserve(2 * fixes.size());
  for (const auto& fix : fixes) {
    pairs.push_back(fix.lat);
    pairs.push_back(fix.lon);
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(reinterpret_cast<const char*>(pairs.data()), static_cast<std::streamsize>(pairs.size() * sizeof(double)));
  if (!file) throw std::runtime_error("cannot write " + path);
}

bool parse_count(const char* text, std::size_t& value)
{
  char* end = nullptr;
  const auto parsed = std::strtoull(text, &end, 10);
  value = static_cast<std::size_t>(parsed);
  return end != text && *end == '\0' && parsed > 0;
}

}  // namespace

int main(int argc, char** argv)
{
  std::size_t positions = 10'000'000;
  std::size_t repeats = 3;
  if (argc < 2 || argc > 4 || (argc > 2 && !parse_count(argv[2], positions)) ||
      (argc > 3 && !parse_count(argv[3], repeats))) {
    std::cerr << "Usage: " << argv[0] << " COORDINATES_FILE [POSITIONS [REPEATS]]\n";
    return 2;
  }
  try {
    const auto fleet = simulate_fleet(positions);
    write_coordinates(argv[1], fleet.fixes);

    double fastest_s = 0.0;
    fleet_totals total;
    for (std::size_t run = 0; run < repeats; ++run) {
      total = {};
      const auto started = std::chrono::steady_clock::now();
      for (const auto bike : fleet.bikes) total.add(estimate_track(bike));
      const double elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      fastest_s = run == 0 ? elapsed_s : std::min(fastest_s, elapsed_s);
    }
    std::printf("estimator: %zu positions of %zu bikes, %zu kept, %zu trips, %.1f km cycled, %.1f km in vehicles; "
                "fastest of %zu runs %.3f s, rate=%.1f\n",
                fleet.fixes.size(), fleet.bikes.size(), total.kept, total.trips,
                total.distance_m / 1000.0, total.excluded_distance_m / 1000.0, repeats, fastest_s,
                static_cast<double>(fleet.fixes.size()) / fastest_s);
  } catch (const std::exception& failure) {
    std::cerr << argv[0] << ": " << failure.what() << "\n";
    return 1;
  }
  return 0;
}
