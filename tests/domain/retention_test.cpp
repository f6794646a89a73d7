#include <catch2/catch.hpp>

#include "position_fixture.hpp"
#include "pedalpower/domain/position_retention.hpp"
#include "pedalpower/domain/trips.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr auto day = loan_scheme::day;

// A bike lent 60 days ago and still out, with rides 45 and 2 days ago.
struct long_loan : tracked_loan {
  long_loan()
  {
    for (const auto start : {loan_scheme::now - 45 * day, loan_scheme::now - 2 * day}) ride(start);
  }

  std::int64_t summaries() { return scheme.number("SELECT count(*) FROM trip_summaries"); }
};

}  // namespace

TEST_CASE("positions older than the retention period become trip summaries and are deleted")
{
  long_loan lent;
  const auto before = lent.trips().trips;
  REQUIRE(before.size() == 2);

  const auto pass = reduce_old_positions(lent.scheme.db(), loan_scheme::now);
  CHECK(pass.bikes_reduced == 1);
  CHECK(pass.trips_summarised == 1);
  CHECK(pass.positions_deleted > 600);
  CHECK_FALSE(pass.more);
  CHECK(lent.summaries() == 1);
  CHECK(lent.scheme.number("SELECT count(*) FROM positions WHERE time_ms < " +
                           std::to_string((loan_scheme::now - 30 * day) * 1000)) == 0);

  const auto after = lent.trips().trips;
  REQUIRE(after.size() == 2);
  CHECK(after[0].summarised);
  CHECK(after[0].loan_id == lent.loan);
  CHECK(after[0].started == before[0].started);
  CHECK(after[0].ended == before[0].ended);
  CHECK(after[0].distance_m == Approx(before[0].distance_m));
  CHECK(after[0].distance_source == before[0].distance_source);
  CHECK(after[0].emissions.has_value() == before[0].emissions.has_value());
  CHECK_FALSE(after[1].summarised);
  CHECK(after[1].distance_m == before[1].distance_m);
}

TEST_CASE("a retention pass is audited with counts, and a second pass finds nothing to do")
{
  long_loan lent;
  reduce_old_positions(lent.scheme.db(), loan_scheme::now);
  CHECK(lent.scheme.number("SELECT count(*) FROM audit_log WHERE action = 'positions.reduce'") == 1);
  const auto again = reduce_old_positions(lent.scheme.db(), loan_scheme::now);
  CHECK(again.positions_deleted == 0);
  CHECK(lent.summaries() == 1);
  CHECK(lent.scheme.number("SELECT count(*) FROM audit_log WHERE action = 'positions.reduce'") == 1);
}

TEST_CASE("a trip under way at the cut-off is kept whole until a later pass")
{
  long_loan lent;
  const auto ride_start = loan_scheme::now - 45 * day;
  const retention_periods periods{45, 7};
  // The cut-off falls 100 seconds into the 600-second ride.
  const auto during_ride = reduce_old_positions(lent.scheme.db(), ride_start + 45 * day + 100, periods);
  CHECK(during_ride.trips_summarised == 0);
  CHECK(lent.summaries() == 0);
  CHECK(lent.scheme.number("SELECT count(*) FROM positions WHERE time_ms < " + std::to_string((ride_start + 100) * 1000)) ==
        100);
  CHECK(lent.trips().trips.size() == 2);

  const auto later = reduce_old_positions(lent.scheme.db(), ride_start + 45 * day + 3600, periods);
  CHECK(later.trips_summarised == 1);
  CHECK(lent.trips().trips.size() == 2);
}

TEST_CASE("positions outside any loan are reduced after the shorter period")
{
  tracked_loan lent(loan_scheme::now - 20 * day, loan_scheme::now - 60 * day);
  lent.ride(loan_scheme::now - 25 * day);  // before the loan
  lent.ride(loan_scheme::now - 15 * day);  // on loan

  const auto pass = reduce_old_positions(lent.scheme.db(), loan_scheme::now);
  CHECK(pass.trips_summarised == 1);
  CHECK(lent.scheme.number("SELECT count(*) FROM trip_summaries WHERE loan_id IS NULL") == 1);
  CHECK(lent.scheme.number("SELECT count(*) FROM positions WHERE time_ms < " +
                           std::to_string((loan_scheme::now - 20 * day) * 1000)) == 0);
  const auto on_loan = lent.trips().trips;
  REQUIRE(on_loan.size() == 1);
  CHECK_FALSE(on_loan[0].summarised);
}

TEST_CASE("a pass stops after its share of bikes and the next one carries on after the last bike")
{
  tracked_scheme scheme;
  std::vector<std::int64_t> bikes;
  for (int i = 0; i < 3; ++i) {
    bikes.push_back(scheme.add_bike(scheme.site_a));
    scheme.add_tracker("controller-" + std::to_string(i), bikes.back(), loan_scheme::now - 60 * day);
    scheme.store(tracked_scheme::ride("controller-" + std::to_string(i), tracked_scheme::at(loan_scheme::now - 40 * day), 300));
  }
  const auto first = reduce_old_positions(scheme.db(), loan_scheme::now, {}, 2);
  CHECK(first.bikes_reduced == 2);
  CHECK(first.more);
  CHECK(first.last_bike_id == bikes[1]);
  const auto second = reduce_old_positions(scheme.db(), loan_scheme::now, {}, 2, first.last_bike_id);
  CHECK(second.bikes_reduced == 1);
  CHECK_FALSE(second.more);
  CHECK(scheme.number("SELECT count(*) FROM positions") == 0);
  CHECK(scheme.number("SELECT count(*) FROM trip_summaries") == 3);
}

TEST_CASE("a trip's unobserved distance is kept in its summary")
{
  tracked_loan lent;
  // 300 s east, two minutes without a fix, then on east from 1 km north.
  const auto start = tracked_scheme::at(loan_scheme::now - 45 * day);
  auto fixes = tracked_scheme::ride("controller-1", start, 300);
  fixes.resize(301);
  auto after = tracked_scheme::ride("controller-1", start + std::chrono::seconds(420), 300, 5.0,
                                    {tracked_scheme::basildon.lat + 0.009, fixes.back().lon});
  fixes.insert(fixes.end(), after.begin(), after.end());
  lent.scheme.store(fixes);
  const auto before = lent.trips().trips;
  REQUIRE(before.size() == 1);
  CHECK(before[0].unobserved_distance_m == Approx(1000.8).epsilon(0.01));

  REQUIRE(reduce_old_positions(lent.scheme.db(), loan_scheme::now).trips_summarised == 1);
  const auto after_reduction = lent.trips().trips;
  REQUIRE(after_reduction.size() == 1);
  CHECK(after_reduction[0].summarised);
  CHECK(after_reduction[0].unobserved_distance_m == Approx(before[0].unobserved_distance_m));
}
