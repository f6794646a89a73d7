#include <catch2/catch.hpp>

#include "maintenance_api_fixture.hpp"

using namespace maintenance_api;
using api::role;

TEST_CASE("schedules: everyone in the workshop reads them, coordinators change them, bad input is 422")
{
  workshop_app app;
  const auto defaults = body_of(app.call(role::technician, "GET", "/api/v1/service-schedules"));
  CHECK(defaults.at("total") == 4);
  CHECK(defaults.at("data").at(0).at("scope") == "fleet");
  CHECK(defaults.at("data").at(0).at("updated_at").is_null());  // as shipped
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/service-schedules?kind=charger_pat")).at("total") == 1);
  CHECK(app.call(role::technician, "GET", "/api/v1/service-schedules?kind=oil_change").status == 422);

  const json cargo{{"kind", "safety_check"}, {"model", "Quick Haul"}, {"every_km", 600}, {"every_days", 60}, {"due_soon_days", 10}};
  CHECK(app.call(role::technician, "POST", "/api/v1/service-schedules", cargo.dump()).status == 403);
  const auto created = app.call(role::coordinator, "POST", "/api/v1/service-schedules", cargo.dump());
  REQUIRE(created.status == 201);
  const auto id = body_of(created).at("id").get<std::int64_t>();
  CHECK(location_of(created) == "/api/v1/service-schedules/" + std::to_string(id));
  CHECK(body_of(created).at("scope") == "model");
  const auto twice = app.call(role::coordinator, "POST", "/api/v1/service-schedules", cargo.dump());
  CHECK(status_and_code(twice) == "409 schedule_exists");

  const auto bad = [&](const std::string& method, const std::string& target, const json& body, const std::string& field) {
    const auto answer = app.call(role::coordinator, method, target, body.dump());
    INFO(answer.body);
    CHECK(answer.status == 422);
    CHECK(error_field(answer) == field);
  };
  const auto path = "/api/v1/service-schedules/" + std::to_string(id);
  bad("POST", "/api/v1/service-schedules", {{"kind", "oil_change"}, {"model", "X"}, {"every_days", 5}}, "kind");
  bad("POST", "/api/v1/service-schedules", {{"kind", "full_service"}, {"every_days", 5}}, "model");
  bad("POST", "/api/v1/service-schedules", {{"kind", "full_service"}, {"bike_id", 999}, {"every_days", 5}}, "bike_id");
  bad("POST", "/api/v1/service-schedules", {{"kind", "full_service"}, {"model", "X"}, {"every_km", 0}}, "every_km");
  bad("PATCH", path, {{"every_days", "weekly"}}, "every_days");
  bad("PATCH", path, {{"due_soon_km", 700}}, "due_soon_km");
  bad("PATCH", path, {{"model", "Other"}}, "model");
  CHECK(body_of(app.call(role::technician, "GET", path)).at("every_km") == 600);

  const auto patched = app.call(role::coordinator, "PATCH", path, R"({"every_km":null,"every_days":45})");
  REQUIRE(patched.status == 200);
  CHECK(body_of(patched).at("every_km").is_null());
  CHECK(body_of(patched).at("every_days") == 45);
  CHECK(body_of(patched).at("due_soon_days") == 10);
  CHECK(body_of(patched).at("updated_at").is_string());

  const auto fleet_default = defaults.at("data").at(0).at("id").get<std::int64_t>();
  const auto kept = app.call(role::coordinator, "DELETE", "/api/v1/service-schedules/" + std::to_string(fleet_default));
  CHECK(status_and_code(kept) == "409 fleet_default_kept");
  CHECK(app.call(role::coordinator, "DELETE", path).status == 204);
  CHECK(app.call(role::coordinator, "DELETE", path).status == 404);
}

TEST_CASE("a bike's servicing: what is due, services recorded, history read back")
{
  workshop_app app;
  const auto bike = app.bike(app.site, "Motus", 1'200'000);
  const auto path = "/api/v1/bikes/" + std::to_string(bike);
  const auto servicing = body_of(app.call(role::technician, "GET", path + "/servicing"));
  REQUIRE(servicing.at("total") == 2);
  CHECK(servicing.at("data").at(1).at("kind") == "safety_check");
  CHECK(servicing.at("data").at(1).at("state") == "due");
  CHECK(servicing.at("data").at(1).at("km_since") == 1200.0);

  const auto done = app.call(role::technician, "POST", path + "/services", R"({"kind":"safety_check","notes":"ok"})");
  REQUIRE(done.status == 201);
  const auto record = body_of(done);
  CHECK(record.at("odometer_m") == 1'200'000);
  const auto service_path = location_of(done);
  CHECK(service_path == path + "/services/" + std::to_string(record.at("id").get<int>()));
  CHECK(body_of(app.call(role::technician, "GET", service_path)).at("notes") == "ok");
  CHECK(app.call(role::technician, "GET", path + "/services/999").status == 404);
  CHECK(body_of(app.call(role::technician, "GET", path + "/servicing?sort=kind")).at("data").at(1).at("state") == "ok");
  CHECK(body_of(app.call(role::technician, "GET", path + "/services")).at("total") == 1);

  const auto no_charger = app.call(role::technician, "POST", path + "/services", R"({"kind":"charger_pat"})");
  CHECK(status_and_field(no_charger) == "422 component_id");
  const auto kind = app.call(role::technician, "POST", path + "/services", R"({"kind":"wash"})");
  CHECK(status_and_field(kind) == "422 kind");
  CHECK(app.call(role::technician, "POST", "/api/v1/bikes/999/services", R"({"kind":"safety_check"})").status == 404);
  CHECK(app.call(role::technician, "GET", "/api/v1/bikes/999/servicing").status == 404);
  CHECK(app.call(role::technician, "GET", "/api/v1/bikes/999/services").status == 404);
  CHECK(app.count("SELECT count(*) FROM service_records") == 1);
  CHECK(app.call(role::reporter, "GET", path + "/servicing").status == 403);
}

TEST_CASE("batteries and chargers: created fitted, moved with history, measured, bad input is 422, refusals 409")
{
  workshop_app app;
  const auto first = app.bike(app.site);
  const auto second = app.bike(app.site);
  const auto created = app.call(role::technician, "POST", "/api/v1/components",
                                json{{"kind", "battery"}, {"serial", "BAT-77"}, {"cycle_count", 120}, {"bike_id", first}}.dump());
  REQUIRE(created.status == 201);
  const auto battery = body_of(created);
  const auto path = location_of(created);
  CHECK(path == "/api/v1/components/" + std::to_string(battery.at("id").get<int>()));
  CHECK(battery.at("bike_id") == first);

  // The bike's battery serial follows the battery on it.
  const auto carrying = [&](std::int64_t bike) {
    return app.count("SELECT count(*) FROM bikes WHERE id = " + std::to_string(bike) +
                     " AND battery_serial = 'BAT-77'");
  };
  CHECK(carrying(first) == 1);
  const auto moved = app.posted(role::technician, path + "/fit", {{"bike_id", second}}, 200);
  CHECK(moved.at("bike_id") == second);
  CHECK(moved.at("fittings").size() == 2);
  CHECK(carrying(first) == 0);
  CHECK(carrying(second) == 1);
  CHECK(app.count("SELECT count(*) FROM audit_log WHERE action = 'bike.update' AND entity_id = '" +
                  std::to_string(second) + "'") >= 1);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/components?bike_id=" + std::to_string(second))).at("total") == 1);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/components?q=bat-7")).at("total") == 1);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/components?kind=charger")).at("total") == 0);
  CHECK(app.call(role::technician, "GET", "/api/v1/components?kind=motor").status == 422);

  const auto patched = app.call(role::technician, "PATCH", path, R"({"cycle_count":130,"health_pct":91})");
  REQUIRE(patched.status == 200);
  CHECK(body_of(patched).at("health_pct") == 91);

  const auto refusal = [&](const std::string& method, const std::string& target, const json& body, unsigned status,
                           const std::string& field_or_code) {
    const auto answer = app.call(role::technician, method, target, body.dump());
    INFO(answer.body);
    CHECK(answer.status == status);
    CHECK((status == 422 ? error_field(answer) : error_code(answer)) == field_or_code);
  };
  refusal("POST", "/api/v1/components", {{"kind", "motor"}, {"serial", "M-1"}}, 422, "kind");
  refusal("POST", "/api/v1/components", {{"kind", "charger"}, {"serial", "has space"}}, 422, "serial");
  refusal("POST", "/api/v1/components", {{"kind", "battery"}, {"serial", "B-2"}, {"health_pct", 101}}, 422, "health_pct");
  refusal("POST", "/api/v1/components", {{"kind", "battery"}, {"serial", "B-2"}, {"bike_id", 999}}, 422, "bike_id");
  refusal("POST", "/api/v1/components", {{"kind", "battery"}, {"serial", "BAT-77"}}, 409, "serial_taken");
  refusal("PATCH", path, {{"cycle_count", 100}}, 409, "cycle_count_would_decrease");
  refusal("PATCH", path, {{"serial", "X"}}, 422, "serial");
  refusal("POST", path + "/fit", {{"bike_id", second}}, 409, "already_fitted");
  refusal("POST", path + "/fit", json::object(), 422, "bike_id");
  CHECK(app.count("SELECT count(*) FROM components") == 1);

  const auto removed = app.posted(role::technician, path + "/remove", json::object(), 200);
  CHECK(removed.at("bike_id").is_null());
  CHECK(app.count("SELECT count(*) FROM bikes WHERE id = " + std::to_string(second) + " AND battery_serial IS NULL") ==
        1);
  refusal("POST", path + "/remove", json::object(), 409, "not_fitted");
  CHECK(app.call(role::technician, "GET", "/api/v1/components/999").status == 404);
}

TEST_CASE("an action that reads no input still refuses a malformed body and changes nothing")
{
  workshop_app app;
  const auto bike = app.bike(app.site);
  const auto created = app.call(role::technician, "POST", "/api/v1/components",
                                json{{"kind", "battery"}, {"serial", "BAT-78"}, {"bike_id", bike}}.dump());
  REQUIRE(created.status == 201);
  const auto removal = location_of(created) + "/remove";
  for (const auto* broken : {"{", "[1]", "\"remove\""}) {
    INFO(broken);
    const auto refused = app.call(role::technician, "POST", removal, broken);
    CHECK(status_and_code(refused) == "400 malformed_json");
  }
  CHECK(body_of(app.call(role::technician, "GET", location_of(created))).at("bike_id") == bike);
  CHECK(app.call(role::technician, "POST", removal, "{}").status == 200);
  CHECK(body_of(app.call(role::technician, "GET", location_of(created))).at("bike_id").is_null());
}

TEST_CASE("campaigns: a coordinator launches one on a model, the workshop follows its progress")
{
  workshop_app app;
  app.bike(app.site, "Metro LS");
  app.bike(app.other_site, "Metro LS");
  app.bike(app.site, "Pulse");
  const json recall{{"title", "Rack bolts"}, {"kind", "inspection"}, {"model", "Metro LS"}, {"safety", false}};
  CHECK(app.call(role::technician, "POST", "/api/v1/campaigns", recall.dump()).status == 403);
  const auto launched = app.call(role::coordinator, "POST", "/api/v1/campaigns", recall.dump());
  REQUIRE(launched.status == 201);
  const auto campaign = body_of(launched);
  CHECK(campaign.at("progress").at("work_orders") == 2);
  CHECK(campaign.at("progress").at("by_status").at("open") == 2);
  const auto path = location_of(launched);
  CHECK(path == "/api/v1/campaigns/" + std::to_string(campaign.at("id").get<int>()));

  const auto jobs = body_of(app.call(role::technician, "GET",
                                     "/api/v1/work-orders?campaign_id=" + std::to_string(campaign.at("id").get<int>())));
  REQUIRE(jobs.at("total") == 2);
  app.posted(role::technician,
             "/api/v1/work-orders/" + std::to_string(jobs.at("data").at(0).at("id").get<int>()) + "/status",
             {{"status", "closed"}, {"note", "recall part fitted"}}, 200);
  const auto progress = body_of(app.call(role::technician, "GET", path)).at("progress");
  CHECK(progress.at("finished") == 1);
  CHECK(progress.at("share_finished") == 0.5);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/campaigns")).at("total") == 1);

  const auto none = app.call(role::coordinator, "POST", "/api/v1/campaigns",
                             json{{"title", "X"}, {"kind", "recall"}, {"model", "Cargo"}}.dump());
  CHECK(status_and_code(none) == "422 no_bikes_of_model");
  const auto kind = app.call(role::coordinator, "POST", "/api/v1/campaigns",
                             json{{"title", "X"}, {"kind", "audit"}, {"model", "Pulse"}}.dump());
  CHECK(status_and_field(kind) == "422 kind");
  const auto title = app.call(role::coordinator, "POST", "/api/v1/campaigns", json{{"kind", "recall"}, {"model", "Pulse"}}.dump());
  CHECK(error_field(title) == "title");
  CHECK(app.count("SELECT count(*) FROM campaigns") == 1);
  CHECK(app.call(role::technician, "GET", "/api/v1/campaigns/999").status == 404);
}

TEST_CASE("fleet figures are for coordinators and reporters, over a valid period")
{
  workshop_app app;
  app.bike(app.site);
  const auto answer = app.call(role::reporter, "GET", "/api/v1/maintenance/figures?from=2025-01-01&to=2025-01-31");
  REQUIRE(answer.status == 200);
  const auto figures = body_of(answer);
  CHECK(figures.at("by_day").size() == 31);
  CHECK(figures.at("total").contains("lendable_share"));
  CHECK(app.call(role::coordinator, "GET", "/api/v1/maintenance/figures?from=2025-01-01&to=2025-01-31&site_id=" +
                                               std::to_string(app.site) + "&model=Motus")
            .status == 200);
  CHECK(app.call(role::technician, "GET", "/api/v1/maintenance/figures?from=2025-01-01&to=2025-01-31").status == 403);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"to=2025-01-31", "from"},
           {"from=2025-01-01", "to"},
           {"from=2025-13-01&to=2025-12-31", "from"},
           {"from=2025-02-01&to=2025-01-01", "to"},
           {"from=2024-01-01&to=2025-12-31", "to"},
           {"from=2025-01-01&to=2025-01-02&site_id=0", "site_id"}}) {
    const auto bad = app.call(role::reporter, "GET", "/api/v1/maintenance/figures?" + query);
    INFO(query);
    CHECK(bad.status == 422);
    CHECK(error_field(bad) == field);
  }
}

TEST_CASE("the queue route names a bad site or page as 422")
{
  workshop_app app;
  CHECK(error_field(app.call(role::technician, "GET", "/api/v1/maintenance/queue?site_id=abc")) == "site_id");
  CHECK(error_field(app.call(role::technician, "GET", "/api/v1/maintenance/queue?sort=-rank")) == "sort");
  CHECK(app.call(role::reporter, "GET", "/api/v1/maintenance/queue").status == 403);
}
