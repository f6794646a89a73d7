#include <catch2/catch.hpp>

#include "outcome_refusal.hpp"
#include "position_fixture.hpp"
#include "pedalpower/domain/positions.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr auto checkout = loan_scheme::now - 10 * loan_scheme::day;

struct gpx_case {
  tracked_scheme scheme;
  std::int64_t bike = scheme.add_bike(scheme.site_a);
  std::int64_t loan = scheme.lend(scheme.add_staff("3"), bike, checkout);

  std::int64_t audits() { return scheme.number("SELECT count(*) FROM audit_log WHERE action = 'loan.track_import'"); }
};

}  // namespace

TEST_CASE("a GPX ride is stored on the loan's bike, once however often it is imported")
{
  gpx_case loaned;
  const auto ride = tracked_scheme::ride("", tracked_scheme::at(checkout + 3600), 600);
  const auto first = import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, loaned.loan, ride);
  REQUIRE(first);
  CHECK(first->bike_id == loaned.bike);
  CHECK(first->points == ride.size());
  CHECK(first->accepted == ride.size());
  CHECK(first->first == ride.front().time);
  CHECK(first->last == ride.back().time);
  CHECK(loaned.scheme.number("SELECT count(*) FROM positions WHERE from_gpx = 1") == static_cast<std::int64_t>(ride.size()));

  const auto again = import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, loaned.loan, ride);
  REQUIRE(again);
  CHECK(again->accepted == 0);
  CHECK(again->duplicates == ride.size());
  CHECK(loaned.audits() == 2);
}

TEST_CASE("the import audit keeps counts, not times or places")
{
  gpx_case loaned;
  import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, loaned.loan,
                   tracked_scheme::ride("", tracked_scheme::at(checkout + 3600), 60));
  const auto after = loaned.scheme.text("SELECT after FROM audit_log WHERE action = 'loan.track_import' AND id > ?1", 0);
  CHECK(after.find("points") != std::string::npos);
  CHECK(after.find("51.") == std::string::npos);
  CHECK(after.find("2025") == std::string::npos);
}

TEST_CASE("a GPX ride outside its loan is refused and stores nothing")
{
  gpx_case loaned;
  loaned.scheme.give_back(loaned.loan, checkout + 2 * loan_scheme::day);
  for (const auto start : {checkout - 3600, checkout + 2 * loan_scheme::day - 60}) {
    INFO(start);
    const auto refused = import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, loaned.loan,
                                          tracked_scheme::ride("", tracked_scheme::at(start), 120));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "outside_loan");
  }
  CHECK(loaned.scheme.positions_of(loaned.bike) == 0);
  CHECK(loaned.audits() == 0);
}

TEST_CASE("a GPX ride over the time the bike's tracker recorded is refused")
{
  gpx_case loaned;
  loaned.scheme.add_tracker("controller-1", loaned.bike, checkout - loan_scheme::day);
  const auto ride = tracked_scheme::ride("controller-1", tracked_scheme::at(checkout + 3600), 300);
  loaned.scheme.store(ride);
  const auto refused = import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, loaned.loan,
                                        tracked_scheme::ride("", tracked_scheme::at(checkout + 3000), 900));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "track_overlaps_tracker");
  CHECK(loaned.scheme.number("SELECT count(*) FROM positions WHERE from_gpx = 1") == 0);
}

TEST_CASE("a GPX file with a bad point or no points is refused whole")
{
  gpx_case loaned;
  auto ride = tracked_scheme::ride("", tracked_scheme::at(checkout + 3600), 60);
  ride[30].lat = 95.0;
  const auto bad_point = import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, loaned.loan, ride);
  REQUIRE_FALSE(bad_point);
  CHECK(bad_point.error().field == "lat");
  CHECK(bad_point.error().message.find("track point 31") != std::string::npos);

  CHECK(refusal(import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, loaned.loan, {})) ==
        "empty_track");
  CHECK(loaned.scheme.positions_of(loaned.bike) == 0);

  CHECK(import_gpx_track(loaned.scheme.db(), loaned.scheme.coordinator, loan_scheme::now, 999, ride).error().code ==
        "loan_not_found");
}
