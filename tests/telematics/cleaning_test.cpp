#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "pedalpower/telematics/cleaning.hpp"
#include "synthetic_track.hpp"

using namespace pedalpower::telematics;
using std::chrono::seconds;

namespace {

/// Fixes along a straight road at 5 m/s, one a second.
std::vector<track_point> ride(std::size_t count)
{
  const auto road = synthetic::path{}.straight(5.0 * static_cast<double>(count - 1), 5.0);
  auto fixes = road.sample();
  fixes.resize(count);
  return fixes;
}

}  // namespace

TEST_CASE("duplicates, out-of-order and low-accuracy fixes are dropped and counted")
{
  auto fixes = ride(10);
  fixes[3].time = fixes[2].time;                // re-sent: same time
  fixes[6].time = fixes[4].time - seconds{1};   // late
  fixes[8].accuracy_m = 120.0;                  // a cell-tower fix
  fixes[9].accuracy_m = 8.0;
  const auto cleaned = clean_track(fixes);
  CHECK(cleaned.report.dropped_for(drop_reason::duplicate) == 1);
  CHECK(cleaned.report.dropped_for(drop_reason::out_of_order) == 1);
  CHECK(cleaned.report.dropped_for(drop_reason::low_accuracy) == 1);
  CHECK(cleaned.report.total_dropped() == 3);
  CHECK(cleaned.report.kept == 7);
  CHECK(cleaned.source_index == std::vector<std::size_t>{0, 1, 2, 4, 5, 7, 9});
  REQUIRE(cleaned.points.size() == 7);
  CHECK(cleaned.points[6] == fixes[9]);
}

TEST_CASE("invalid fixes are dropped: flagged, out of range, not finite or at null island")
{
  auto fixes = ride(8);
  fixes[1].valid = false;
  fixes[2].lat = 91.0;
  fixes[3].lon = std::numeric_limits<double>::quiet_NaN();
  fixes[4].lat = 0.0;
  fixes[4].lon = 0.0;
  const auto cleaned = clean_track(fixes);
  CHECK(cleaned.report.dropped_for(drop_reason::invalid) == 4);
  CHECK(cleaned.report.kept == 4);
}

TEST_CASE("a lone spike is dropped while the track either side agrees")
{
  auto fixes = ride(10);
  fixes[5].lat += 0.01;  // 1.1 km away and back within two seconds
  const auto cleaned = clean_track(fixes);
  CHECK(cleaned.report.dropped_for(drop_reason::spike) == 1);
  CHECK(cleaned.source_index == std::vector<std::size_t>{0, 1, 2, 3, 4, 6, 7, 8, 9});
}

TEST_CASE("real fast motion is not mistaken for a spike")
{
  synthetic::path train;
  train.straight(3000.0, 60.0);  // faster than the spike limit, but sustained
  const auto fixes = train.sample();
  const auto cleaned = clean_track(fixes);
  CHECK(cleaned.report.dropped_for(drop_reason::spike) == 0);
  CHECK(cleaned.report.kept == fixes.size());
}

TEST_CASE("each cleaning step can be switched off")
{
  auto fixes = ride(10);
  fixes[1].valid = false;
  fixes[3].time = fixes[2].time;
  fixes[5].lat += 0.01;
  fixes[8].accuracy_m = 120.0;
  cleaning_options keep_all;
  keep_all.drop_flagged_invalid = false;
  keep_all.drop_duplicates = false;
  keep_all.max_accuracy_m.reset();
  keep_all.spike_speed_mps.reset();
  const auto cleaned = clean_track(fixes, keep_all);
  CHECK(cleaned.report.total_dropped() == 0);
  CHECK(cleaned.report.kept == fixes.size());
}

TEST_CASE("late fixes are sorted into place when not to be dropped")
{
  auto fixes = ride(6);
  std::swap(fixes[2], fixes[4]);
  cleaning_options sort_late;
  sort_late.drop_out_of_order = false;
  const auto cleaned = clean_track(fixes, sort_late);
  CHECK(cleaned.report.total_dropped() == 0);
  CHECK(cleaned.source_index == std::vector<std::size_t>{0, 1, 4, 3, 2, 5});
  CHECK(clean_track(fixes).report.dropped_for(drop_reason::out_of_order) == 2);
}

TEST_CASE("drop reasons have stable names")
{
  CHECK(to_string(drop_reason::low_accuracy) == "low_accuracy");
  CHECK(to_string(drop_reason::out_of_order) == "out_of_order");
  CHECK(to_string(drop_reason::spike) == "spike");
}
