#include <catch2/catch.hpp>

#include "fleet_api_fixture.hpp"

using namespace fleet_api;
using api::role;

TEST_CASE("a kiosk reports a refused replay and a coordinator resolves it, with or without a note")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  app.kiosk_at(site);
  const auto report = [&](const std::string& key) {
    const json body{{"idempotency_key", key},
                    {"kind", "checkout"},
                    {"bike_tag", "EB-0042"},
                    {"recorded_at", 1763900000},
                    {"refusal", {{"code", "bike_unavailable"}}}};
    const auto answer = app.call(role::kiosk, "POST", "/api/v1/kiosk/exceptions", body.dump());
    REQUIRE(answer.status == 201);
    return body_of(answer).at("id").get<std::int64_t>();
  };
  const auto first = report("replay-1");
  const auto second = report("replay-2");
  CHECK(body_of(app.call(role::coordinator, "GET", "/api/v1/kiosk/exceptions?status=open")).at("total") == 2);

  const auto quiet = app.call(role::coordinator, "POST", "/api/v1/kiosk/exceptions/" + std::to_string(first) + "/resolve");
  CHECK(quiet.status == 200);
  const auto noted = app.call(role::coordinator, "POST", "/api/v1/kiosk/exceptions/" + std::to_string(second) + "/resolve",
                              R"({"note":"bike found at Southend"})");
  CHECK(noted.status == 200);
  CHECK(app.call(role::coordinator, "POST", "/api/v1/kiosk/exceptions/" + std::to_string(second) + "/resolve", "[1]")
            .status == 400);
  CHECK(body_of(app.call(role::coordinator, "GET", "/api/v1/kiosk/exceptions?status=open")).at("data").empty());
  CHECK(app.count("SELECT count(*) FROM audit_log WHERE entity = 'kiosk_exception'") >= 4);
}

TEST_CASE("a refused return's fault and failed checks are filed on the bike when the kiosk reports it, once")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  app.kiosk_at(site);
  const auto bike = app.created(
      "/api/v1/bikes",
      {{"asset_tag", "EB-0042"}, {"frame_number", "FR42"}, {"make", "Raleigh"}, {"model", "Motus"}, {"site_id", site}});
  const json body{{"idempotency_key", "return-7"},
                  {"kind", "return"},
                  {"bike_tag", "EB-0042"},
                  {"recorded_at", 1763900000},
                  {"payload",
                   {{"bike_tag", "EB-0042"},
                    {"condition", {{"brakes_work", false}, {"lights_work", true}}},
                    {"fault", {{"category", "tyre"}, {"note", "Flat at the back"}, {"safety", false}}}}},
                  {"refusal", {{"error", {{"code", "loan_not_active"}, {"message", "This loan is already closed."}}}}}};
  for (int sent = 0; sent < 2; ++sent) {
    REQUIRE(app.call(role::kiosk, "POST", "/api/v1/kiosk/exceptions", body.dump()).status == 201);
  }
  const auto where = " WHERE bike_id = " + std::to_string(bike);
  CHECK(app.count("SELECT count(*) FROM fault_reports" + where) == 2);
  CHECK(app.count("SELECT count(*) FROM fault_reports" + where +
                  " AND category = 'tyre' AND note LIKE '%Flat at the back'") == 1);
  CHECK(app.count("SELECT count(*) FROM fault_reports" + where + " AND category = 'brakes' AND safety = 1") == 1);
  // Brakes and tyres are both safety jobs, which checkout refuses the bike for until a technician signs them off.
  CHECK(app.count("SELECT count(*) FROM work_orders" + where +
                  " AND safety = 1 AND status NOT IN ('closed', 'written_off')") == 2);
}
