#include <catch2/catch.hpp>

#include "maintenance_api_fixture.hpp"

using namespace maintenance_api;
using api::role;

namespace {

std::string work_order_path(std::int64_t id) { return "/api/v1/work-orders/" + std::to_string(id); }

/// The path of a work order a coordinator opens on `bike` for a fault of `category`.
std::string opened_work_order(const workshop_app& app, std::int64_t bike, const std::string& category)
{
  return work_order_path(
      app.posted(role::coordinator, "/api/v1/work-orders", {{"bike_id", bike}, {"category", category}}).at("id"));
}

}  // namespace

TEST_CASE("one route serves the fault categories to kiosks and the admin, frame and gears included, with which are safety faults")
{
  workshop_app app;
  app.kiosk_at(app.site);
  for (const auto who : {role::kiosk, role::technician, role::coordinator, role::reporter}) {
    const auto answer = app.call(who, "GET", "/api/v1/choices");
    REQUIRE(answer.status == 200);
    const auto body = body_of(answer);
    CHECK(body.at("fault_categories").size() == 7);
    std::map<std::string, bool> safety;
    for (const auto& category : body.at("fault_categories")) safety[category.at("code")] = category.at("safety_critical");
    CHECK(safety.at("frame"));
    CHECK_FALSE(safety.at("gears"));
    CHECK(safety.at("brakes"));
  }
  CHECK(app.call(role::kiosk, "GET", "/api/v1/fault-categories").status == 404);
}

TEST_CASE("a technician's day: a fault at the kiosk, the queue, labour and parts, the sign-off, the bike lendable")
{
  workshop_app app;
  app.kiosk_at(app.site);
  const auto bike = app.bike(app.site);
  const auto reported = app.call(role::kiosk, "POST", "/api/v1/bikes/" + std::to_string(bike) + "/faults",
                                 json{{"category", "brakes"}, {"note", "front brake squeals and is weak"}}.dump());
  INFO(reported.body);
  REQUIRE(reported.status == 201);
  const auto fault = body_of(reported);
  CHECK(fault.at("safety") == true);
  const auto job = fault.at("work_order_id").get<std::int64_t>();
  CHECK(location_of(reported) == work_order_path(job));
  CHECK(app.bike_status(bike) == "maintenance");

  const auto queue = body_of(app.call(role::technician, "GET", "/api/v1/maintenance/queue?site_id=" + std::to_string(app.site)));
  REQUIRE(queue.at("total").get<int>() >= 1);
  CHECK(queue.at("data").at(0).at("type") == "work_order");
  CHECK(queue.at("data").at(0).at("work_order").at("id") == job);
  CHECK(queue.at("data").at(0).at("work_order").at("bike_tag") == "EB-1001");
  CHECK(queue.at("data").at(0).at("position") == 1);

  const auto only_services = body_of(app.call(role::technician, "GET", "/api/v1/maintenance/queue?type=service"));
  for (const auto& item : only_services.at("data")) CHECK(item.at("type") == "service");
  const auto only_jobs = body_of(app.call(role::technician, "GET", "/api/v1/maintenance/queue?type=work_order"));
  CHECK(only_jobs.at("data").at(0).at("work_order").at("id") == job);
  CHECK(app.call(role::technician, "GET", "/api/v1/maintenance/queue?type=bikes").status == 422);

  CHECK(body_of(app.call(role::technician, "GET", work_order_path(job))).at("next_statuses") ==
        json{"in_progress", "awaiting_parts"});  // a safety job is closed only by its sign-off
  app.posted(role::technician, work_order_path(job) + "/status", {{"status", "in_progress"}}, 200);
  const auto labour = app.call(role::technician, "POST", work_order_path(job) + "/labour",
                               json{{"minutes", 35}, {"note", "pads replaced"}}.dump());
  REQUIRE(labour.status == 201);
  CHECK(body_of(labour).at("technician") == "technician-user");
  CHECK(location_of(labour).starts_with(work_order_path(job) + "/labour/"));
  app.posted(role::technician, work_order_path(job) + "/parts",
             {{"name", "Disc pads"}, {"part_number", "BP-205"}, {"quantity", 2}, {"unit_cost_pence", 1150}});
  const auto patched = app.call(role::technician, "PATCH", work_order_path(job),
                                json{{"supplier_cost_pence", 500}, {"notes", "rotor fine"}}.dump());
  REQUIRE(patched.status == 200);
  CHECK(body_of(patched).at("cost_pence") == 2800);
  app.posted(role::technician, work_order_path(job) + "/status", {{"status", "ready_for_check"}}, 200);

  CHECK(app.call(role::coordinator, "POST", work_order_path(job) + "/sign-off", "{}").status == 403);
  CHECK(status_and_field(app.call(role::technician, "POST", work_order_path(job) + "/sign-off", "{}")) == "422 note");
  const auto signed_off = app.posted(role::technician, work_order_path(job) + "/sign-off", {{"note", "test ride ok"}}, 200);
  CHECK(signed_off.at("status") == "closed");
  CHECK(signed_off.at("signed_off_by").get<std::string>().ends_with(":technician-user"));
  CHECK(signed_off.at("labour_minutes") == 35);
  CHECK(signed_off.at("history").size() == 4);
  CHECK(app.bike_status(bike) == "available");

  const auto services = body_of(app.call(role::technician, "GET", "/api/v1/bikes/" + std::to_string(bike) + "/services"));
  CHECK(services.at("total") == 1);
  CHECK(services.at("data").at(0).at("kind") == "safety_check");
}

TEST_CASE("a kiosk reports faults only on its own site's bikes, and bad fault input changes nothing")
{
  workshop_app app;
  app.kiosk_at(app.site);
  const auto elsewhere = app.bike(app.other_site);
  const auto here = app.bike(app.site);
  const auto other = app.call(role::kiosk, "POST", "/api/v1/bikes/" + std::to_string(elsewhere) + "/faults",
                              R"({"category":"tyre"})");
  CHECK(other.status == 403);
  const auto category = app.call(role::kiosk, "POST", "/api/v1/bikes/" + std::to_string(here) + "/faults",
                                 R"({"category":"wheel"})");
  CHECK(status_and_field(category) == "422 category");
  const auto missing = app.call(role::kiosk, "POST", "/api/v1/bikes/" + std::to_string(here) + "/faults", "{}");
  CHECK(status_and_field(missing) == "422 category");
  CHECK(app.call(role::kiosk, "POST", "/api/v1/bikes/999/faults", R"({"category":"tyre"})").status == 404);
  CHECK(app.count("SELECT count(*) FROM work_orders") == 0);
  CHECK(app.count("SELECT count(*) FROM fault_reports") == 0);
  CHECK(app.bike_status(here) == "available");
}

TEST_CASE("opening a work order by hand: 201 with Location, bad input is 422 with the field and changes nothing")
{
  workshop_app app;
  const auto bike = app.bike(app.site);
  const auto opened = app.call(role::technician, "POST", "/api/v1/work-orders",
                               json{{"bike_id", bike}, {"category", "gears"}, {"description", "stiff shifting"}}.dump());
  REQUIRE(opened.status == 201);
  const auto job = body_of(opened);
  CHECK(location_of(opened) == work_order_path(job.at("id")));
  CHECK(job.at("safety") == false);
  CHECK(job.at("in_house") == true);

  const auto bad = [&](const std::string& body, const std::string& field) {
    const auto answer = app.call(role::technician, "POST", "/api/v1/work-orders", body);
    INFO(body << " -> " << answer.body);
    CHECK(answer.status == 422);
    CHECK(error_field(answer) == field);
  };
  bad(R"({"category":"gears"})", "bike_id");
  bad(json{{"bike_id", bike}}.dump(), "category");
  bad(json{{"bike_id", bike}, {"category", "wheel"}}.dump(), "category");
  bad(json{{"bike_id", "seven"}, {"category", "gears"}}.dump(), "bike_id");
  bad(json{{"bike_id", bike}, {"category", "gears"}, {"safety", "yes"}}.dump(), "safety");
  bad(json{{"bike_id", 999}, {"category", "gears"}}.dump(), "bike_id");
  bad(json{{"bike_id", bike}, {"category", "gears"}, {"description", std::string(2001, 'x')}}.dump(), "description");
  CHECK(app.call(role::technician, "POST", "/api/v1/work-orders", "{\"bike_id\":").status == 400);
  CHECK(app.call(role::reporter, "POST", "/api/v1/work-orders", json{{"bike_id", bike}, {"category", "gears"}}.dump()).status ==
        403);
  CHECK(app.count("SELECT count(*) FROM work_orders") == 1);
}

TEST_CASE("work order lists page, filter and sort, a bad filter or sort is 422 naming it")
{
  workshop_app app;
  const auto bike = app.bike(app.site);
  const auto other = app.bike(app.other_site);
  for (const auto* category : {"gears", "lights", "brakes"}) {
    app.posted(role::coordinator, "/api/v1/work-orders", {{"bike_id", bike}, {"category", category}});
  }
  app.posted(role::coordinator, "/api/v1/work-orders", {{"bike_id", other}, {"category", "other"}});

  const auto all = body_of(app.call(role::technician, "GET", "/api/v1/work-orders?page_size=2&sort=id"));
  CHECK(all.at("total") == 4);
  CHECK(all.at("page") == 1);
  CHECK(all.at("page_size") == 2);
  REQUIRE(all.at("data").size() == 2);
  CHECK(all.at("data").at(0).at("id").get<int>() < all.at("data").at(1).at("id").get<int>());
  CHECK_FALSE(all.at("data").at(0).contains("history"));
  const auto second_page = body_of(app.call(role::technician, "GET", "/api/v1/work-orders?page_size=2&page=2&sort=-id"));
  CHECK(second_page.at("data").size() == 2);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/work-orders?site_id=" + std::to_string(app.other_site)))
            .at("total") == 1);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/work-orders?safety=true")).at("total") == 1);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/work-orders?status=active")).at("total") == 4);
  CHECK(body_of(app.call(role::technician, "GET", "/api/v1/work-orders?status=closed")).at("total") == 0);

  for (const auto* query : {"status=broken", "safety=maybe", "sort=colour", "page=0", "page_size=201", "bike_id=x"}) {
    const auto answer = app.call(role::technician, "GET", std::string("/api/v1/work-orders?") + query);
    INFO(query);
    CHECK(answer.status == 422);
    CHECK(error_field(answer) == std::string(query).substr(0, std::string(query).find('=')));
  }
  CHECK(app.call(role::reporter, "GET", "/api/v1/work-orders").status == 403);
}

TEST_CASE("status changes and their refusals: 409 with the reason, 422 for a bad status, nothing changed")
{
  workshop_app app;
  const auto bike = app.bike(app.site);
  const auto path = opened_work_order(app, bike, "frame");
  CHECK(app.bike_status(bike) == "maintenance");

  const auto refusal = [&](const json& body, unsigned status, const std::string& code) {
    const auto answer = app.call(role::technician, "POST", path + "/status", body.dump());
    INFO(answer.body);
    CHECK(answer.status == status);
    CHECK(error_code(answer) == code);
  };
  const auto audited = app.count("SELECT count(*) FROM audit_log");
  refusal({{"status", "closed"}}, 409, "safety_sign_off_required");
  refusal({{"status", "written_off"}}, 409, "use_write_off");
  refusal({{"status", "ready_for_check"}}, 409, "work_order_transition_not_allowed");
  refusal({{"status", "mended"}}, 422, "invalid");
  refusal(json::object(), 422, "required");
  CHECK(app.call(role::technician, "POST", path + "/sign-off", "").status == 409);
  CHECK(app.call(role::technician, "POST", "/api/v1/work-orders/999/status", R"({"status":"in_progress"})").status == 404);
  CHECK(app.count("SELECT count(*) FROM audit_log") == audited);
  CHECK(body_of(app.call(role::technician, "GET", path)).at("status") == "open");

  const auto patch = app.call(role::technician, "PATCH", path, R"({"status":"closed"})");
  CHECK(status_and_field(patch) == "422 status");
  const auto cost = app.call(role::technician, "PATCH", path, R"({"supplier_cost_pence":-1})");
  CHECK(status_and_field(cost) == "422 supplier_cost_pence");
  CHECK(app.call(role::technician, "GET", "/api/v1/work-orders/999").status == 404);
}

TEST_CASE("labour and parts: bad input is 422, mistakes are taken back with DELETE 204")
{
  workshop_app app;
  const auto bike = app.bike(app.site);
  const auto path = opened_work_order(app, bike, "lights");
  const auto bad = [&](const std::string& target, const json& body, const std::string& field) {
    const auto answer = app.call(role::technician, "POST", target, body.dump());
    INFO(answer.body);
    CHECK(answer.status == 422);
    CHECK(error_field(answer) == field);
  };
  bad(path + "/labour", {{"minutes", 0}}, "minutes");
  bad(path + "/labour", {{"minutes", 2000}}, "minutes");
  bad(path + "/labour", json::object(), "minutes");
  bad(path + "/parts", {{"name", "Bulb"}}, "unit_cost_pence");
  bad(path + "/parts", {{"name", ""}, {"unit_cost_pence", 100}}, "name");
  bad(path + "/parts", {{"name", "Bulb"}, {"unit_cost_pence", -5}}, "unit_cost_pence");
  bad(path + "/parts", {{"name", "Bulb"}, {"unit_cost_pence", 5}, {"quantity", 0}}, "quantity");
  CHECK(app.count("SELECT count(*) FROM work_order_labour") + app.count("SELECT count(*) FROM work_order_parts") == 0);

  const auto labour = app.posted(role::technician, path + "/labour", {{"minutes", 10}, {"technician", "Sam"}});
  const auto part = app.posted(role::technician, path + "/parts", {{"name", "Bulb"}, {"unit_cost_pence", 300}});
  const auto removed = app.call(role::technician, "DELETE", path + "/labour/" + std::to_string(labour.at("id").get<int>()));
  CHECK(removed.status == 204);
  CHECK(removed.body.empty());
  CHECK(app.call(role::technician, "DELETE", path + "/parts/" + std::to_string(part.at("id").get<int>())).status == 204);
  CHECK(app.call(role::technician, "DELETE", path + "/parts/" + std::to_string(part.at("id").get<int>())).status == 404);
  CHECK(body_of(app.call(role::technician, "GET", path)).at("cost_pence") == 0);

  const auto unsaid = app.call(role::technician, "POST", path + "/status", R"({"status":"closed"})");
  CHECK(status_and_field(unsaid) == "422 note");
  app.posted(role::technician, path + "/status", {{"status", "closed"}, {"note", "chain replaced"}}, 200);
  const auto late = app.call(role::technician, "POST", path + "/labour", R"({"minutes":5})");
  CHECK(status_and_code(late) == "409 work_order_finished");
}

TEST_CASE("only a coordinator writes a bike off, it retires the bike")
{
  workshop_app app;
  const auto bike = app.bike(app.site);
  const auto path = opened_work_order(app, bike, "frame");
  CHECK(app.call(role::technician, "POST", path + "/write-off", "{}").status == 403);
  const auto written_off = app.posted(role::coordinator, path + "/write-off", {{"note", "frame cracked"}}, 200);
  CHECK(written_off.at("status") == "written_off");
  CHECK(app.bike_status(bike) == "retired");
  const auto again = app.call(role::coordinator, "POST", path + "/write-off", "{}");
  CHECK(status_and_code(again) == "409 work_order_finished");
}
