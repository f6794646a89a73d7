#include <catch2/catch.hpp>

#include "fleet_api_fixture.hpp"
#include "pedalpower/domain/pay_band.hpp"

using namespace fleet_api;
using api::role;

namespace {

/// A full policy table dated `effective_from`, every band paying `fee` pence a week.
json policy_body(const std::string& effective_from, int fee = 500)
{
  auto bands = json::array();
  for (const auto band : domain::pay_bands) {
    bands.push_back({{"pay_band", band}, {"eligible", true}, {"priority_tier", 2}, {"max_loan_days", 28},
                     {"weekly_fee_pence", fee}});
  }
  return {{"effective_from", effective_from}, {"reservation_hold_hours", 36}, {"note", "fees"}, {"bands", bands}};
}

}  // namespace

TEST_CASE("the policy in force today is the default one, and a date can be asked about")
{
  api_app app;
  const auto today = app.call(role::coordinator, "GET", "/api/v1/policy/current");
  REQUIRE(today.status == 200);
  const auto policy = body_of(today);
  CHECK(policy.at("effective_from") == "2025-01-01");
  CHECK(policy.at("bands").size() == 13);
  CHECK(policy.at("bands").at(0) == json{{"pay_band", "1"},         {"eligible", true},       {"priority_tier", 1},
                                         {"max_loan_days", 90},     {"weekly_fee_pence", 0}, {"deposit_pence", 0},
                                         {"max_concurrent_loans", 1}, {"induction_required", true}});
  const auto before = app.call(role::coordinator, "GET", "/api/v1/policy/current?date=2024-06-01");
  CHECK(before.status == 404);
  CHECK(app.call(role::coordinator, "GET", "/api/v1/policy/current?date=June").status == 422);
}

TEST_CASE("policy versions are for coordinators only")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  app.kiosk_at(site);
  for (const auto who : {role::technician, role::reporter, role::kiosk}) {
    CHECK(app.call(who, "GET", "/api/v1/policy/current").status == 403);
    CHECK(app.call(who, "POST", "/api/v1/policy/versions", policy_body("2099-01-01").dump()).status == 403);
  }
}

TEST_CASE("a coordinator schedules, replaces and withdraws a future version")
{
  api_app app;
  const auto id = app.created("/api/v1/policy/versions", policy_body("2099-01-01"));
  const auto path = "/api/v1/policy/versions/" + std::to_string(id);

  const auto listed = body_of(app.call(role::coordinator, "GET", "/api/v1/policy/versions")).at("data");
  REQUIRE(listed.size() == 2);
  CHECK(listed.at(0).at("standing") == "scheduled");
  CHECK(listed.at(1).at("standing") == "in_force");

  const auto replaced = app.call(role::coordinator, "PUT", path, policy_body("2099-02-01", 700).dump());
  REQUIRE(replaced.status == 200);
  CHECK(body_of(replaced).at("id") == id);
  CHECK(body_of(app.call(role::coordinator, "GET", path)).at("bands").at(4).at("weekly_fee_pence") == 700);

  REQUIRE(app.call(role::coordinator, "DELETE", path).status == 204);
  CHECK(app.call(role::coordinator, "GET", path).status == 404);
}

TEST_CASE("the version in force can be neither replaced nor withdrawn")
{
  api_app app;
  const auto replaced = app.call(role::coordinator, "PUT", "/api/v1/policy/versions/1", policy_body("2099-01-01").dump());
  CHECK(status_and_code(replaced) == "409 policy_in_force");
  CHECK(app.call(role::coordinator, "DELETE", "/api/v1/policy/versions/1").status == 409);
  CHECK(app.count("SELECT count(*) FROM policy_versions") == 1);
}

TEST_CASE("a malformed policy names the band and field at fault and changes nothing")
{
  api_app app;
  auto wrong_type = policy_body("2099-01-01");
  wrong_type["bands"][3]["max_loan_days"] = "forty";
  const auto typed = app.call(role::coordinator, "POST", "/api/v1/policy/versions", wrong_type.dump());
  CHECK(status_and_field(typed) == "422 bands[3].max_loan_days");

  auto out_of_range = policy_body("2099-01-01");
  out_of_range["bands"][5]["priority_tier"] = 0;
  CHECK(error_field(app.call(role::coordinator, "POST", "/api/v1/policy/versions", out_of_range.dump())) ==
        "bands[5].priority_tier");

  auto short_table = policy_body("2099-01-01");
  short_table["bands"].erase(12);
  CHECK(error_code(app.call(role::coordinator, "POST", "/api/v1/policy/versions", short_table.dump())) ==
        "incomplete_bands");
  CHECK(error_code(app.call(role::coordinator, "POST", "/api/v1/policy/versions", policy_body("2020-01-01").dump())) ==
        "effective_in_past");
  CHECK(app.count("SELECT count(*) FROM policy_versions") == 1);
}
