#include <catch2/catch.hpp>

#include "outcome_refusal.hpp"
#include "position_fixture.hpp"
#include "report_fixture.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/trips.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr auto checkout = loan_scheme::now - 10 * loan_scheme::day;
constexpr auto returned = loan_scheme::now - 2 * loan_scheme::day;
constexpr double grid_kg_per_kwh = 0.17700 + 0.01853;  // 2025 generation + transmission and distribution

// A bike with a tracker lent from `checkout` to `returned` to a porter who used to drive alone,
// with one 3 km ride before the loan, two during it and one after it.
struct ridden_loan : tracked_loan {
  ridden_loan() : tracked_loan(checkout, checkout - 5 * loan_scheme::day, "3")
  {
    scheme.db().run("UPDATE staff SET commute_mode = 'car_petrol' WHERE id = ?1", rider);
    for (const auto start : {checkout - loan_scheme::day, checkout + 3600, checkout + loan_scheme::day, returned + 3600}) {
      ride(start);
    }
    scheme.give_back(loan, returned);
  }
};

}  // namespace

TEST_CASE("a loan's trips are the rides its bike took between checkout and return")
{
  ridden_loan ridden;
  const auto answer = ridden.trips();
  REQUIRE(answer.trips.size() == 2);
  CHECK(answer.trips[0].started == tracked_scheme::at(checkout + 3600));
  CHECK(answer.trips[1].started == tracked_scheme::at(checkout + loan_scheme::day));
  for (const auto& trip : answer.trips) {
    CHECK(trip.loan_id == ridden.loan);
    CHECK(trip.distance_m == Approx(3000.0).epsilon(0.02));
    CHECK(trip.recorded_by == "tracker");
    CHECK_FALSE(trip.summarised);
    CHECK_FALSE(trip.shown_track);
  }
}

TEST_CASE("without a factor year each trip uses its own year's set, and the answer names each set with its years")
{
  // A petrol driver rides on 31 December 2024 and on 1 January 2025: DESNZ's Average car petrol is
  // 0.16450 kg/km in 2024 and 0.16272 in 2025.
  constexpr pedalpower::unix_seconds new_year_2025 = 1735689600;
  report_scheme scheme;
  const auto driver = scheme.add_rider("3", "car_petrol");
  const auto loan = scheme.lend(driver, scheme.site_a, new_year_2025 - 2 * loan_scheme::day);
  scheme.ride(loan, new_year_2025 - loan_scheme::day, 4.0);
  scheme.ride(loan, new_year_2025 + 3600, 6.0);
  const auto per_km = [](const trip_record& trip) { return trip.emissions->avoided_kg / (trip.distance_m / 1000.0); };

  const auto own_years = loan_trips(scheme.db(), loan, {});
  REQUIRE(own_years);
  REQUIRE(own_years->trips.size() == 2);
  CHECK(per_km(own_years->trips[0]) == Approx(0.16450));
  CHECK(per_km(own_years->trips[1]) == Approx(0.16272));
  CHECK(own_years->factors.year == 2025);
  REQUIRE(own_years->factors.sets.size() == 2);
  CHECK(own_years->factors.sets[0].year == 2024);
  CHECK(own_years->factors.sets[0].trip_years == std::vector<int>{2024});
  CHECK(own_years->factors.sets[1].year == 2025);
  CHECK(own_years->factors.sets[1].trip_years == std::vector<int>{2025});

  const auto asked_for = loan_trips(scheme.db(), loan, {2025});
  REQUIRE(asked_for);
  CHECK(per_km(asked_for->trips[0]) == Approx(0.16272));
  CHECK(per_km(asked_for->trips[1]) == Approx(0.16272));
  REQUIRE(asked_for->factors.sets.size() == 1);
  CHECK(asked_for->factors.sets[0].trip_years == std::vector<int>{2024, 2025});
}

TEST_CASE("a trip's emissions follow the borrower's previous commute, with the factor set named")
{
  ridden_loan ridden;
  const auto answer = ridden.trips();
  CHECK(answer.factors.year == 2025);
  CHECK(answer.factors.scope == "direct");
  CHECK_FALSE(answer.factors.source.empty());
  CHECK(answer.factors.ebike_wh_per_km == 10.0);
  const auto& trip = answer.trips.front();
  REQUIRE(trip.emissions);
  const double km = trip.distance_m / 1000.0;
  CHECK(trip.emissions->avoided_kg == Approx(km * 0.16272));
  CHECK(trip.emissions->ebike_kg == Approx(km * 10.0 / 1000.0 * grid_kg_per_kwh));
  CHECK(trip.emissions->net_kg == Approx(trip.emissions->avoided_kg - trip.emissions->ebike_kg));
}

TEST_CASE("a car shared by two halves the emissions a trip avoids")
{
  ridden_loan ridden;
  const auto alone = ridden.trips().trips.front().emissions->avoided_kg;
  ridden.scheme.db().run("UPDATE staff SET commute_car_occupancy = 2");
  CHECK(ridden.trips().trips.front().emissions->avoided_kg == Approx(alone / 2.0));
}

TEST_CASE("a borrower who used to walk saves nothing and the e-bike's charging shows as a cost")
{
  ridden_loan ridden;
  ridden.scheme.db().run("UPDATE staff SET commute_mode = 'walk'");
  const auto emissions = ridden.trips().trips.front().emissions;
  REQUIRE(emissions);
  CHECK(emissions->avoided_kg == 0.0);
  CHECK(emissions->net_kg < 0.0);
}

TEST_CASE("trips of a borrower whose previous commute is not recorded carry no emissions")
{
  ridden_loan ridden;
  ridden.scheme.db().run("UPDATE staff SET commute_mode = NULL");
  for (const auto& trip : ridden.trips().trips) CHECK_FALSE(trip.emissions);
}

TEST_CASE("an unknown factor year, or an e-bike energy below 0 or beyond 1000 Wh/km, is refused")
{
  ridden_loan ridden;
  CHECK(refused_field(loan_trips(ridden.scheme.db(), ridden.loan, {1990, 10.0})) == "factor_year");
  CHECK(refused_field(loan_trips(ridden.scheme.db(), ridden.loan, {std::nullopt, -1.0})) == "ebike_wh_per_km");
  CHECK(refused_field(loan_trips(ridden.scheme.db(), ridden.loan, {std::nullopt, 1e308})) == "ebike_wh_per_km");
  CHECK(refused_field(loan_trips(ridden.scheme.db(), ridden.loan, {std::nullopt, 1000.0})) == "done");
  CHECK(loan_trips(ridden.scheme.db(), 999, {}).error().code == "loan_not_found");
}

TEST_CASE("the e-bike energy asked for is used and stated")
{
  ridden_loan ridden;
  const auto answer = ridden.trips({std::nullopt, 6.5});
  CHECK(answer.factors.ebike_wh_per_km == 6.5);
  const auto& trip = answer.trips.front();
  CHECK(trip.emissions->ebike_kg == Approx(trip.distance_m / 1000.0 * 6.5 / 1000.0 * grid_kg_per_kwh));
}

TEST_CASE("a bike's trips include rides outside any loan, linked to nobody")
{
  ridden_loan ridden;
  const auto answer = bike_trips(ridden.scheme.db(), ridden.bike, "2025-01-01", "2025-03-10", {});
  REQUIRE(answer);
  REQUIRE(answer->trips.size() == 4);
  CHECK_FALSE(answer->trips[0].loan_id);
  CHECK_FALSE(answer->trips[0].emissions);
  CHECK(answer->trips[1].loan_id == ridden.loan);
  CHECK(answer->trips[2].loan_id == ridden.loan);
  CHECK_FALSE(answer->trips[3].loan_id);
}

TEST_CASE("a bike's trips are those that started on the days asked for")
{
  ridden_loan ridden;
  // The checkout is 2025-02-28 09:00; the second ride on loan starts a day later.
  const auto answer = bike_trips(ridden.scheme.db(), ridden.bike, "2025-03-01", "2025-03-01", {});
  REQUIRE(answer);
  REQUIRE(answer->trips.size() == 1);
  CHECK(answer->trips[0].started == tracked_scheme::at(checkout + loan_scheme::day));
  CHECK(bike_trips(ridden.scheme.db(), 999, "2025-01-01", "2025-03-10", {}).error().code == "bike_not_found");
  CHECK(bike_trips(ridden.scheme.db(), ridden.bike, "2025-03-10", "2025-03-01", {}).error().field == "to");
}

TEST_CASE("a lost loan's trips end where the found bike's next loan begins")
{
  tracked_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  scheme.add_tracker("controller-1", bike, checkout - loan_scheme::day);
  const auto lost_loan = scheme.lend(scheme.add_staff("3"), bike, checkout);
  REQUIRE(loan_service::mark_lost(scheme.db(), scheme.coordinator, checkout + loan_scheme::day, lost_loan, "stolen"));
  REQUIRE(change_bike_status(scheme.db(), scheme.coordinator, checkout + 3 * loan_scheme::day, bike, bike_status::available,
                             "found"));
  const auto next_loan = scheme.lend(scheme.add_staff("3"), bike, checkout + 4 * loan_scheme::day);
  scheme.store(tracked_scheme::ride("controller-1", tracked_scheme::at(checkout + 3600), 600));
  scheme.store(tracked_scheme::ride("controller-1", tracked_scheme::at(checkout + 5 * loan_scheme::day), 600));

  CHECK(loan_trips(scheme.db(), lost_loan, {})->trips.size() == 1);
  const auto next = loan_trips(scheme.db(), next_loan, {});
  REQUIRE(next->trips.size() == 1);
  CHECK(next->trips[0].started == tracked_scheme::at(checkout + 5 * loan_scheme::day));
}

TEST_CASE("a loan's totals add up its trips' distance and emissions, or carry none without a previous commute")
{
  ridden_loan ridden;
  const auto trips = ridden.trips();
  const auto totals = totals_of(trips);
  CHECK(totals.trips == 2);
  CHECK(totals.distance_m == Approx(trips.trips[0].distance_m + trips.trips[1].distance_m));
  REQUIRE(totals.emissions);
  CHECK(totals.emissions->avoided_kg == Approx(trips.trips[0].emissions->avoided_kg + trips.trips[1].emissions->avoided_kg));
  CHECK(totals.emissions->net_kg == Approx(totals.emissions->avoided_kg - totals.emissions->ebike_kg));
  CHECK(totals.factors.year == trips.factors.year);

  ridden.scheme.db().run("UPDATE staff SET commute_mode = NULL WHERE id = ?1", ridden.rider);
  const auto unknown = totals_of(ridden.trips());
  CHECK(unknown.trips == 2);
  CHECK_FALSE(unknown.emissions);
}
