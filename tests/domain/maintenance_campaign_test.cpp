#include <catch2/catch.hpp>

#include "loan_scheme_fixture.hpp"
#include "pedalpower/domain/campaigns.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "outcome_refusal.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("a recall opens a work order on every bike of the model still in the fleet and shows progress")
{
  loan_scheme scheme;
  const auto first = scheme.add_bike(scheme.site_a);
  const auto second = scheme.add_bike(scheme.site_b);
  scheme.add_bike(scheme.site_a, 0, "retired");
  const auto other_model = scheme.add_bike(scheme.site_a);
  scheme.db().run("UPDATE bikes SET model = 'Urban' WHERE id = ?1", other_model);

  const auto launched = launch_campaign(scheme.db(), scheme.coordinator, loan_scheme::now,
                                        {"Fork crown recall", "recall", "Motus", true, "Maker's notice 24-07"});
  REQUIRE(launched);
  CHECK(launched->work_orders == 2);
  CHECK(launched->finished == 0);
  CHECK(scheme.bike_status(first) == "maintenance");
  CHECK(scheme.bike_status(second) == "maintenance");
  CHECK(scheme.bike_status(other_model) == "available");

  work_order_filter of_campaign;
  of_campaign.campaign_id = launched->id;
  const auto jobs = list_work_orders(scheme.db(), of_campaign);
  REQUIRE(jobs.size() == 2);
  CHECK(jobs.front().category == "inspection");
  CHECK(jobs.front().safety);

  const actor technician{"user:2:tech"};
  const auto& job = jobs.front();
  REQUIRE(change_work_order_status(scheme.db(), technician, loan_scheme::now, job.id, "in_progress", ""));
  REQUIRE(change_work_order_status(scheme.db(), technician, loan_scheme::now, job.id, "ready_for_check", ""));
  REQUIRE(sign_off_safety_check(scheme.db(), technician, loan_scheme::now, job.id, "recall fix checked"));
  const auto progress = find_campaign(scheme.db(), launched->id);
  CHECK(progress->finished == 1);
  CHECK(progress->by_status.at("closed") == 1);
  CHECK(progress->by_status.at("open") == 1);
  CHECK(scheme.bike_status(job.bike_id) == "available");
}

TEST_CASE("a campaign for a model the fleet does not have is invalid and opens nothing")
{
  loan_scheme scheme;
  scheme.add_bike(scheme.site_a);
  CHECK(refusal(launch_campaign(scheme.db(), scheme.coordinator, loan_scheme::now,
                                {"Check", "inspection", "Cargo", true, ""})) == "no_bikes_of_model");
  CHECK(refused_field(launch_campaign(scheme.db(), scheme.coordinator, loan_scheme::now,
                                      {"Check", "audit", "Motus", true, ""})) == "kind");
  CHECK(scheme.number("SELECT count(*) FROM campaigns") == 0);
  CHECK(scheme.number("SELECT count(*) FROM work_orders") == 0);
}
