#include <catch2/catch.hpp>

#include <set>
#include <utility>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/migrations.hpp"
#include "pedalpower/domain/bike_status.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "migrated_database.hpp"
#include "outcome_refusal.hpp"
#include "temp_database.hpp"
#include "two_site_fleet.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

// The scheme's rules, restated here so that a change to the table in bike_status.hpp has to be meant.
const std::set<std::pair<bike_status, bike_status>> expected_transitions{
    {bike_status::available, bike_status::reserved},   {bike_status::available, bike_status::on_loan},
    {bike_status::available, bike_status::maintenance}, {bike_status::available, bike_status::retired},
    {bike_status::available, bike_status::lost},       {bike_status::reserved, bike_status::available},
    {bike_status::reserved, bike_status::on_loan},     {bike_status::reserved, bike_status::maintenance},
    {bike_status::on_loan, bike_status::available},    {bike_status::on_loan, bike_status::maintenance},
    {bike_status::on_loan, bike_status::lost},         {bike_status::maintenance, bike_status::available},
    {bike_status::maintenance, bike_status::retired},  {bike_status::lost, bike_status::available},
    {bike_status::lost, bike_status::maintenance},     {bike_status::lost, bike_status::retired},
};

struct fleet_with_one_bike : migrated_database {
  std::int64_t bike_id = 0;

  fleet_with_one_bike()
  {
    const auto site = create_site(db, coordinator, now, {"BAS", "Basildon University Hospital", ""});
    bike_id = create_bike(db, coordinator, now, {"EB-0001", "RM24100137", "Raleigh", "Motus", std::nullopt, site->id, 0})->id;
  }

  /// Puts the bike straight into `status`, as if earlier changes had led there.
  void force_status(bike_status status)
  {
    db.run("UPDATE bikes SET status = ?1 WHERE id = ?2", to_string(status), bike_id);
  }

  /// The coordinator changes the bike's status by hand, as the admin does.
  outcome<done> change_by_hand(bike_status to, const std::string& note = "")
  {
    return change_bike_status_by_hand(db, coordinator, now, bike_id, to, note);
  }

  bike_status status() { return find_bike(db, bike_id)->status; }

  std::int64_t status_audits()
  {
    return db.query_int("SELECT count(*) FROM audit_log WHERE action = 'bike.status' AND entity_id = ?1",
                          std::to_string(bike_id));
  }
};

}  // namespace

TEST_CASE("the transition table holds exactly the scheme's allowed status changes")
{
  for (const auto from : bike_statuses) {
    for (const auto to : bike_statuses) {
      INFO(to_string(from) << " -> " << to_string(to));
      CHECK(is_allowed_transition(from, to) == expected_transitions.contains({from, to}));
    }
  }
}

TEST_CASE("a retired bike can go nowhere")
{
  CHECK(allowed_next_statuses(bike_status::retired).empty());
}

TEST_CASE("bike statuses read back from the text they are stored as")
{
  for (const auto status : bike_statuses) CHECK(bike_status_from_string(to_string(status)) == status);
  CHECK_FALSE(bike_status_from_string("stolen"));
  CHECK_FALSE(bike_status_from_string("Available"));
}

TEST_CASE("every allowed status change is made and audited")
{
  for (const auto& [from, to] : expected_transitions) {
    fleet_with_one_bike fleet;
    fleet.force_status(from);
    INFO(to_string(from) << " -> " << to_string(to));
    const auto changed = change_bike_status(fleet.db, coordinator, now, fleet.bike_id, to, "checked");
    REQUIRE(changed);
    CHECK(fleet.status() == to);
    CHECK(find_bike(fleet.db, fleet.bike_id)->status_note == "checked");
    CHECK(fleet.status_audits() == 1);
  }
}

TEST_CASE("every status change outside the table is refused and changes nothing")
{
  for (const auto from : bike_statuses) {
    for (const auto to : bike_statuses) {
      if (expected_transitions.contains({from, to})) continue;
      fleet_with_one_bike fleet;
      fleet.force_status(from);
      INFO(to_string(from) << " -> " << to_string(to));
      const auto changed = change_bike_status(fleet.db, coordinator, now, fleet.bike_id, to, "");
      REQUIRE_FALSE(changed);
      CHECK(changed.error().kind == problem_kind::conflict);
      CHECK(changed.error().code == "status_transition_not_allowed");
      CHECK(fleet.status() == from);
      CHECK(fleet.status_audits() == 0);
    }
  }
}

TEST_CASE("a status change for a bike that does not exist is not found")
{
  fleet_with_one_bike fleet;
  const auto changed = change_bike_status(fleet.db, coordinator, now, fleet.bike_id + 1, bike_status::maintenance, "");
  REQUIRE_FALSE(changed);
  CHECK(changed.error().kind == problem_kind::not_found);
}

TEST_CASE("staff cannot set or clear a loan-managed status by hand")
{
  fleet_with_one_bike fleet;
  SECTION("putting a bike on loan by hand is refused")
  {
    CHECK(refusal(fleet.change_by_hand(bike_status::on_loan)) == "status_managed_by_loans");
    CHECK(fleet.status() == bike_status::available);
  }
  SECTION("taking a reserved bike into the workshop by hand is refused")
  {
    fleet.force_status(bike_status::reserved);
    CHECK(refusal(fleet.change_by_hand(bike_status::maintenance)) == "status_managed_by_loans");
    CHECK(fleet.status() == bike_status::reserved);
  }
  SECTION("sending an available bike to the workshop by hand is allowed")
  {
    REQUIRE(fleet.change_by_hand(bike_status::maintenance, "brakes"));
    CHECK(fleet.status() == bike_status::maintenance);
  }
  SECTION("the table still applies to changes by hand")
  {
    fleet.force_status(bike_status::retired);
    CHECK(refusal(fleet.change_by_hand(bike_status::available)) == "status_transition_not_allowed");
  }
}

TEST_CASE("a bike with open safety work cannot be made available by hand, only by the work's sign-off")
{
  fleet_with_one_bike fleet;
  work_order_input brakes;
  brakes.bike_id = fleet.bike_id;
  brakes.category = "brakes";
  brakes.safety = true;
  brakes.description = "Rear brake rubbing";
  REQUIRE(open_work_order(fleet.db, coordinator, now, brakes));
  REQUIRE(fleet.status() == bike_status::maintenance);
  const auto audits = fleet.status_audits();
  CHECK(refusal(fleet.change_by_hand(bike_status::available)) == "bike_awaiting_safety_check");
  CHECK(fleet.status() == bike_status::maintenance);
  CHECK(fleet.status_audits() == audits);
  CHECK(refusal(fleet.change_by_hand(bike_status::retired, "beyond repair")) == "done");
}
