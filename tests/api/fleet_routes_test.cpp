#include <catch2/catch.hpp>

#include "fleet_api_fixture.hpp"

using namespace fleet_api;
using api::role;

namespace {

json bike_body(const std::string& tag, const std::string& frame, std::int64_t site_id)
{
  return {{"asset_tag", tag}, {"frame_number", frame}, {"make", "Raleigh"}, {"model", "Motus"}, {"site_id", site_id}};
}

std::vector<std::string> tags_in(const api::response& answer)
{
  std::vector<std::string> tags;
  const auto body = body_of(answer);
  for (const auto& bike : body.at("data")) tags.push_back(bike.at("asset_tag"));
  return tags;
}

}  // namespace

TEST_CASE("every signed-in role and kiosks list the sites, others may not")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  app.kiosk_at(site);
  app.telematics_gateway();
  for (const auto who : {role::coordinator, role::technician, role::reporter, role::kiosk}) {
    const auto answer = app.call(who, "GET", "/api/v1/sites");
    REQUIRE(answer.status == 200);
    CHECK(body_of(answer).at("data").at(0).at("code") == "BAS");
  }
  CHECK(app.call(role::telematics, "GET", "/api/v1/sites").status == 403);
  CHECK(app.anonymous("GET", "/api/v1/sites").status == 401);
}

TEST_CASE("only a coordinator creates and edits sites")
{
  api_app app;
  CHECK(app.call(role::technician, "POST", "/api/v1/sites", R"({"code":"BAS","name":"Basildon"})").status == 403);
  const auto site = app.created("/api/v1/sites", {{"code", "bas"}, {"name", "Basildon"}, {"address", "SS16"}});
  const auto patched = app.call(role::coordinator, "PATCH", "/api/v1/sites/" + std::to_string(site), R"({"name":"Basildon University Hospital"})");
  REQUIRE(patched.status == 200);
  CHECK(body_of(patched).at("name") == "Basildon University Hospital");
  CHECK(body_of(patched).at("code") == "BAS");
  CHECK(body_of(patched).at("address") == "SS16");
}

TEST_CASE("bad site input is answered with the JSON error body and changes nothing")
{
  api_app app;
  app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  const auto malformed = app.call(role::coordinator, "POST", "/api/v1/sites", "{\"code\":");
  CHECK(status_and_code(malformed) == "400 malformed_json");
  const auto missing = app.call(role::coordinator, "POST", "/api/v1/sites", R"({"code":"SOU"})");
  CHECK(status_and_field(missing) == "422 name");
  const auto duplicate = app.call(role::coordinator, "POST", "/api/v1/sites", R"({"code":"BAS","name":"Again"})");
  CHECK(status_and_code(duplicate) == "409 site_code_taken");
  CHECK(app.call(role::coordinator, "PATCH", "/api/v1/sites/99", R"({"name":"x"})").status == 404);
  CHECK(app.count("SELECT count(*) FROM sites") == 1);
}

TEST_CASE("a coordinator adds and edits bikes, a status field in an edit is refused")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  const auto bike = app.created("/api/v1/bikes", bike_body("eb-0042", "rm1001", site));
  const auto path = "/api/v1/bikes/" + std::to_string(bike);

  const auto found = app.call(role::technician, "GET", path);
  REQUIRE(found.status == 200);
  CHECK(body_of(found).at("asset_tag") == "EB-0042");
  CHECK(body_of(found).at("status") == "available");

  const auto edited = app.call(role::coordinator, "PATCH", path, R"({"odometer_m":5000,"battery_serial":"BAT1"})");
  REQUIRE(edited.status == 200);
  CHECK(body_of(edited).at("odometer_m") == 5000);
  CHECK(body_of(edited).at("make") == "Raleigh");

  const auto cleared = app.call(role::coordinator, "PATCH", path, R"({"battery_serial":null})");
  CHECK(body_of(cleared).at("battery_serial").is_null());

  const auto with_status = app.call(role::coordinator, "PATCH", path, R"({"status":"retired"})");
  CHECK(status_and_field(with_status) == "422 status");
  const auto backwards = app.call(role::coordinator, "PATCH", path, R"({"odometer_m":10})");
  CHECK(status_and_code(backwards) == "409 odometer_would_decrease");
  CHECK(app.call(role::technician, "POST", "/api/v1/bikes", bike_body("EB-0043", "RM1002", site).dump()).status == 403);
  CHECK(app.call(role::coordinator, "GET", "/api/v1/bikes/999").status == 404);
}

TEST_CASE("bikes are listed by site and status, and a reporter may not list them")
{
  api_app app;
  const auto basildon = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  const auto southend = app.created("/api/v1/sites", {{"code", "SOU"}, {"name", "Southend"}});
  const auto first = app.created("/api/v1/bikes", bike_body("EB-0001", "F0001", basildon));
  app.created("/api/v1/bikes", bike_body("EB-0002", "F0002", basildon));
  app.created("/api/v1/bikes", bike_body("EB-0003", "F0003", southend));
  REQUIRE(app.call(role::technician, "POST", "/api/v1/bikes/" + std::to_string(first) + "/status",
                   R"({"status":"maintenance","note":"brakes"})")
              .status == 200);

  CHECK(tags_in(app.call(role::coordinator, "GET", "/api/v1/bikes")) ==
        std::vector<std::string>{"EB-0001", "EB-0002", "EB-0003"});
  CHECK(tags_in(app.call(role::coordinator, "GET", "/api/v1/bikes?site_id=" + std::to_string(basildon))) ==
        std::vector<std::string>{"EB-0001", "EB-0002"});
  CHECK(tags_in(app.call(role::technician, "GET", "/api/v1/bikes?status=maintenance")) ==
        std::vector<std::string>{"EB-0001"});
  CHECK(app.call(role::coordinator, "GET", "/api/v1/bikes?status=stolen").status == 422);
  CHECK(app.call(role::coordinator, "GET", "/api/v1/bikes?site_id=abc").status == 422);
  CHECK(app.call(role::reporter, "GET", "/api/v1/bikes").status == 403);
}

TEST_CASE("bikes are found by part of a tag, frame number or battery serial, sorted and paged with a total")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  auto with_battery = bike_body("EB-0001", "F0001", site);
  with_battery["battery_serial"] = "BAT-77";
  app.created("/api/v1/bikes", with_battery);
  app.created("/api/v1/bikes", bike_body("EB-0002", "X0777", site));
  app.created("/api/v1/bikes", bike_body("EB-0773", "F0003", site));

  CHECK(tags_in(app.call(role::coordinator, "GET", "/api/v1/bikes?q=77")) ==
        std::vector<std::string>{"EB-0001", "EB-0002", "EB-0773"});
  CHECK(tags_in(app.call(role::coordinator, "GET", "/api/v1/bikes?q=x07")) == std::vector<std::string>{"EB-0002"});
  const auto page = body_of(app.call(role::coordinator, "GET", "/api/v1/bikes?sort=-asset_tag&page=2&page_size=2"));
  CHECK(page.at("total") == 3);
  CHECK(page.at("page") == 2);
  CHECK(page.at("page_size") == 2);
  REQUIRE(page.at("data").size() == 1);
  CHECK(page.at("data").at(0).at("asset_tag") == "EB-0001");
  CHECK(error_field(app.call(role::coordinator, "GET", "/api/v1/bikes?sort=colour")) == "sort");
  CHECK(app.call(role::coordinator, "GET", "/api/v1/bikes?sort=colour").status == 422);
  CHECK(error_field(app.call(role::coordinator, "GET", "/api/v1/bikes?page_size=201")) == "page_size");
}

TEST_CASE("a kiosk sees only the bikes at its own site")
{
  api_app app;
  const auto basildon = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  const auto southend = app.created("/api/v1/sites", {{"code", "SOU"}, {"name", "Southend"}});
  const auto here = app.created("/api/v1/bikes", bike_body("EB-0001", "F0001", basildon));
  const auto there = app.created("/api/v1/bikes", bike_body("EB-0002", "F0002", southend));
  app.kiosk_at(basildon);

  CHECK(tags_in(app.call(role::kiosk, "GET", "/api/v1/bikes")) == std::vector<std::string>{"EB-0001"});
  CHECK(app.call(role::kiosk, "GET", "/api/v1/bikes/" + std::to_string(here)).status == 200);
  CHECK(app.call(role::kiosk, "GET", "/api/v1/bikes/" + std::to_string(there)).status == 403);
  CHECK(app.call(role::kiosk, "GET", "/api/v1/bikes?site_id=" + std::to_string(southend)).status == 403);
  CHECK(app.call(role::kiosk, "POST", "/api/v1/bikes/" + std::to_string(here) + "/status", R"({"status":"maintenance"})")
            .status == 403);
}

TEST_CASE("the bike list reflects every change committed after it was first read")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  const auto first = app.created("/api/v1/bikes", bike_body("EB-0001", "F0001", site));
  app.created("/api/v1/bikes", bike_body("EB-0002", "F0002", site));
  app.kiosk_at(site);
  const auto available = "/api/v1/bikes?site_id=" + std::to_string(site) + "&status=available";

  const auto before = app.call(role::kiosk, "GET", available);
  CHECK(tags_in(before) == std::vector<std::string>{"EB-0001", "EB-0002"});
  CHECK(app.call(role::kiosk, "GET", available).body == before.body);

  REQUIRE(app.call(role::technician, "POST", "/api/v1/bikes/" + std::to_string(first) + "/status",
                   R"({"status":"maintenance","note":"brakes"})")
              .status == 200);
  CHECK(tags_in(app.call(role::kiosk, "GET", available)) == std::vector<std::string>{"EB-0002"});

  app.created("/api/v1/bikes", bike_body("EB-0003", "F0003", site));
  CHECK(tags_in(app.call(role::kiosk, "GET", available)) == std::vector<std::string>{"EB-0002", "EB-0003"});

  // Any commit counts, not only those made through the bike routes.
  app.on_writer([](db::connection& db) { return db.run("UPDATE bikes SET make = 'Brompton' WHERE asset_tag = 'EB-0002'"); });
  CHECK(body_of(app.call(role::kiosk, "GET", available)).at("data").at(0).at("make") == "Brompton");
}

TEST_CASE("status changes by hand follow the transition table and leave loan statuses to loans")
{
  api_app app;
  const auto site = app.created("/api/v1/sites", {{"code", "BAS"}, {"name", "Basildon"}});
  const auto bike = app.created("/api/v1/bikes", bike_body("EB-0001", "F0001", site));
  const auto status_path = "/api/v1/bikes/" + std::to_string(bike) + "/status";

  const auto on_loan = app.call(role::coordinator, "POST", status_path, R"({"status":"on_loan"})");
  CHECK(status_and_code(on_loan) == "409 status_managed_by_loans");
  const auto unknown = app.call(role::coordinator, "POST", status_path, R"({"status":"stolen"})");
  CHECK(status_and_field(unknown) == "422 status");

  const auto retired = app.call(role::coordinator, "POST", status_path, R"({"status":"retired","note":"frame cracked"})");
  REQUIRE(retired.status == 200);
  CHECK(body_of(retired).at("status") == "retired");
  CHECK(body_of(retired).at("status_note") == "frame cracked");
  const auto revived = app.call(role::technician, "POST", status_path, R"({"status":"available"})");
  CHECK(status_and_code(revived) == "409 status_transition_not_allowed");
  CHECK(app.count("SELECT count(*) FROM audit_log WHERE action = 'bike.status' AND actor LIKE 'user:%'") == 1);
}

TEST_CASE("the transition table is published for the admin screens")
{
  api_app app;
  const auto answer = app.call(role::technician, "GET", "/api/v1/bikes/status-transitions");
  REQUIRE(answer.status == 200);
  const auto body = body_of(answer);
  CHECK(body.at("transitions").size() == 16);
  CHECK(body.at("transitions").at(0) == json{{"from", "available"}, {"to", "reserved"}});
  CHECK(body.at("loan_managed") == json{"reserved", "on_loan"});
}
