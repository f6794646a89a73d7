#include <catch2/catch.hpp>

#include <cmath>

#include "pedalpower/domain/position_retention.hpp"
#include "position_fixture.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr auto day = loan_scheme::day;

// A bike lent at site A 60 days ago, ridden 3 km due east from Basildon 45 days ago; the retention
// pass summarises the ride.
struct ride_east : tracked_loan {
  void locate(std::int64_t site, double east_m)
  {
    const auto where = east_of(tracked_scheme::basildon, east_m);
    scheme.db().run("UPDATE sites SET lat_udeg = ?2, lon_udeg = ?3 WHERE id = ?1", site,
                    static_cast<std::int64_t>(std::llround(where.lat * 1e6)),
                    static_cast<std::int64_t>(std::llround(where.lon * 1e6)));
  }

  std::string summarised_journey()
  {
    ride(loan_scheme::now - 45 * day);
    reduce_old_positions(scheme.db(), loan_scheme::now);
    return scheme.text("SELECT journey FROM trip_summaries WHERE id = ?1", 1);
  }
};

}  // namespace

TEST_CASE("a summarised trip that ends at another scheme site is business travel, counted apart, and otherwise a commute")
{
  // Site B stands where the 3 km ride east ends, or 3 km beyond that.
  const auto [site_b_east_m, journey] =
      GENERATE(table<double, std::string>({{3000.0, "between_sites"}, {6000.0, "commute"}}));
  ride_east fleet;
  fleet.locate(fleet.scheme.site_a, 0.0);
  fleet.locate(fleet.scheme.site_b, site_b_east_m);
  CHECK(fleet.summarised_journey() == journey);
  CHECK(fleet.scheme.number("SELECT trips FROM trip_month_totals WHERE journey = '" + journey + "'") == 1);
  CHECK(fleet.scheme.number("SELECT count(*) FROM trip_month_totals") == 1);
}
