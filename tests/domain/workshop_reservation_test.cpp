#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/reservations.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "pedalpower/domain/work_orders.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

const actor technician{"user:2:tech"};

/// Someone in band `band` joins the queue at site A and is offered a free bike there at once.
waitlist_entry offered(loan_scheme& scheme, const std::string& band)
{
  const auto joined = join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now, scheme.add_staff(band), scheme.site_a);
  REQUIRE(joined);
  REQUIRE(joined->status == "offered");
  return joined.value();
}

work_order safety_job_on(loan_scheme& scheme, std::int64_t bike)
{
  auto opened = open_work_order(scheme.db(), technician, loan_scheme::now + 60, {bike, "brakes", {}, "no rear brake", {}, {}});
  REQUIRE(opened);
  return opened.value();
}

}  // namespace

TEST_CASE("a reserved bike going into the workshop hands its holder another free bike at the site")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto entry = offered(scheme, "5");
  const auto spare = scheme.add_bike(scheme.site_a);
  REQUIRE(live_reservation_for_bike(scheme.db(), bike, loan_scheme::now));

  const auto job = safety_job_on(scheme, bike);
  CHECK(scheme.bike_status(bike) == "maintenance");
  CHECK(scheme.bike_status(spare) == "reserved");
  const auto moved = live_reservation_for_bike(scheme.db(), spare, loan_scheme::now + 60);
  REQUIRE(moved);
  CHECK(moved->staff_id == entry.staff_id);
  CHECK(moved->waitlist_entry_id == entry.id);
  CHECK(scheme.entry_status(entry.id) == "offered");

  const auto detail = find_work_order(scheme.db(), job.id);
  REQUIRE(detail->reservations.size() == 1);
  CHECK(detail->reservations.front().outcome == "offered_other_bike");
  CHECK(detail->reservations.front().new_reservation_id == moved->id);
  CHECK(scheme.number("SELECT count(*) FROM audit_log WHERE action = 'reservation.workshop'") == 1);
}

TEST_CASE("with no other free bike, the holder keeps their place at the head of the queue")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  const auto entry = offered(scheme, "7");  // a lower tier than the porter who joins next
  const auto porter = join_waitlist(scheme.db(), scheme.coordinator, loan_scheme::now + 30, scheme.add_staff("2"), scheme.site_a);
  REQUIRE(porter);
  REQUIRE(porter->status == "waiting");

  const auto job = safety_job_on(scheme, bike);
  CHECK(scheme.bike_status(bike) == "maintenance");
  CHECK(scheme.entry_status(entry.id) == "waiting");
  CHECK(find_waitlist_entry(scheme.db(), entry.id, loan_scheme::now + 60)->position == 1);
  CHECK(find_waitlist_entry(scheme.db(), porter->id, loan_scheme::now + 60)->position == 2);
  CHECK(scheme.text("SELECT status FROM reservations WHERE bike_id = ?1", bike) == "cancelled");
  const auto detail = find_work_order(scheme.db(), job.id);
  REQUIRE(detail->reservations.size() == 1);
  CHECK(detail->reservations.front().outcome == "kept_head_of_queue");

  // The next free bike at the site goes to them first.
  const auto returned_bike = scheme.add_bike(scheme.site_a);
  offer_free_bikes(scheme.db(), scheme.coordinator, loan_scheme::now + 120, scheme.site_a);
  CHECK(live_reservation_for_bike(scheme.db(), returned_bike, loan_scheme::now + 120)->staff_id == entry.staff_id);
}

TEST_CASE("the other bike a holder is handed when theirs goes into the workshop is the best-charged one free")
{
  loan_scheme scheme;
  const auto bike = scheme.add_bike(scheme.site_a);
  offered(scheme, "5");
  const auto flat = scheme.add_bike(scheme.site_a);
  const auto full = scheme.add_bike(scheme.site_a);
  for (const auto& [reported, percent] : {std::pair{flat, 8}, std::pair{full, 92}}) {
    scheme.db().run(
        "INSERT INTO positions(bike_id, time_ms, lat_udeg, lon_udeg, battery_pct) VALUES (?1, ?2, 51570000, 460000, "
        "?3)",
        reported, (loan_scheme::now - 120) * 1000, percent);
  }

  safety_job_on(scheme, bike);
  CHECK(scheme.bike_status(full) == "reserved");
  CHECK(scheme.bike_status(flat) == "available");
}
