#include "telematics_api_fixture.hpp"

using namespace telematics_api;

namespace {

constexpr unix_seconds checkout = 1740733200;  // 2025-02-28 09:00 UTC

/// A band-3 rider who borrowed a bike with a tracker, rode it twice and gave it back, with a privacy zone.
struct rider_history {
  tracked_app app;
  std::int64_t rider = 0;
  std::int64_t bike = 0;
  std::int64_t loan = 0;

  rider_history()
  {
    rider = app.add_staff("3", "car_petrol");
    bike = app.add_bike(app.site);
    app.fit_tracker_since("controller-1", bike, checkout - day);
    loan = app.lend(rider, bike, checkout);
    for (const auto start : {checkout + hour, checkout + day + hour}) {
      REQUIRE(app.gateway_batch(batch_of("controller-1", ride(start, 600))).status == 200);
    }
    app.give_back(loan, checkout + 3 * day);
    REQUIRE(app.coordinator("PUT", "/api/v1/staff/" + std::to_string(rider) + "/privacy-zone",
                            R"({"lat": 51.58, "lon": 0.49, "radius_m": 800})")
                .status == 200);
  }

  std::string staff_path(const std::string& tail = {}) const { return "/api/v1/staff/" + std::to_string(rider) + tail; }

  json distance_report() const
  {
    const auto answer = app.coordinator("GET", "/api/v1/reports/distance?from=2025-01-01&to=2025-12-31");
    REQUIRE(answer.status == 200);
    return body_of(answer);
  }
};

std::optional<std::string> header_of(const api::response& answer, std::string_view name)
{
  for (const auto& [key, value] : answer.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a coordinator downloads a staff member's subject access record, and the request is audited")
{
  rider_history history;
  const auto answer = history.app.coordinator("GET", history.staff_path("/subject-access"));
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  const auto disposition = header_of(answer, "Content-Disposition");
  REQUIRE(disposition);
  CHECK(disposition->starts_with("attachment; filename=\"subject-access-staff-" + std::to_string(history.rider)));

  const auto record = body_of(answer);
  CHECK(record.at("staff_id") == history.rider);
  const auto& parts = record.at("parts");
  CHECK(parts.at("staff").at("data").at("name") == "Rider 1");
  CHECK(parts.at("loans").at("data").size() == 1);
  CHECK(parts.at("trips").at("data").size() == 2);
  CHECK(parts.at("privacy_zone").at("data").at("radius_m") == 800);
  const auto& positions = parts.at("positions");
  CHECK(positions.at("total").get<std::int64_t>() == history.app.count("SELECT count(*) FROM positions"));
  CHECK(positions.at("pages_at") == history.staff_path("/subject-access/positions?page=1&page_size=200"));
  CHECK(history.app.count("SELECT count(*) FROM audit_log WHERE action = 'staff.subject_access' AND entity_id = '" +
                          std::to_string(history.rider) + "'") == 1);

  const auto page = history.app.coordinator("GET", history.staff_path("/subject-access/positions?page=2&page_size=200"));
  REQUIRE(page.status == 200);
  const auto listed = body_of(page);
  CHECK(listed.at("total") == positions.at("total"));
  CHECK(listed.at("data").size() == 200);
  CHECK(listed.at("data")[0].at("loan_id") == history.loan);
}

TEST_CASE("a subject access download is never kept for replay: the same Idempotency-Key gives a fresh, audited answer")
{
  rider_history history;
  const auto download = [&] {
    auto req = app_calls::make_request("GET", history.staff_path("/subject-access"));
    req.headers.emplace_back("idempotency-key", "same-key");
    return history.app.as_coordinator(std::move(req));
  };
  REQUIRE(download().status == 200);
  const auto again = download();
  REQUIRE(again.status == 200);
  CHECK_FALSE(header_of(again, "Idempotent-Replayed"));
  CHECK(history.app.count("SELECT count(*) FROM audit_log WHERE action = 'staff.subject_access'") == 2);
  CHECK(history.app.count("SELECT count(*) FROM idempotency_keys") == 0);
  CHECK(body_of(again).at("parts").at("staff").at("data").at("badge_set").is_boolean());
  CHECK_FALSE(body_of(again).at("parts").at("staff").at("data").contains("badge_id"));
}

TEST_CASE("subject access answers 404 for an unknown or malformed id and 422 for a page too large, with the error body")
{
  rider_history history;
  for (const auto* target : {"/api/v1/staff/999999/subject-access", "/api/v1/staff/abc/subject-access",
                             "/api/v1/staff/999999/subject-access/positions"}) {
    INFO(target);
    const auto answer = history.app.coordinator("GET", target);
    CHECK(answer.status == 404);
    CHECK(error_of(answer).contains("code"));
  }
  const auto too_big = history.app.coordinator("GET", history.staff_path("/subject-access/positions?page_size=500"));
  CHECK(status_and_field(too_big) == "422 page_size");
  CHECK(history.app.count("SELECT count(*) FROM audit_log WHERE action LIKE 'staff.subject_access%'") == 0);
}

TEST_CASE("erasure over the API: refused while active or with a bike out, then the report is unchanged")
{
  rider_history history;
  auto& app = history.app;
  const auto before = history.distance_report();

  const auto active = app.coordinator("POST", history.staff_path("/erase"));
  CHECK(status_and_code(active) == "409 staff_still_active");

  // A colleague who still has a bike out is refused too, even once deactivated.
  const auto colleague = app.add_staff("5", "bus");
  app.lend(colleague, app.add_bike(app.site), checkout + 5 * day);
  REQUIRE(app.coordinator("PATCH", "/api/v1/staff/" + std::to_string(colleague), R"({"active": false})").status == 200);
  const auto on_loan = app.coordinator("POST", "/api/v1/staff/" + std::to_string(colleague) + "/erase");
  CHECK(status_and_code(on_loan) == "409 staff_has_loan");

  REQUIRE(app.coordinator("PATCH", history.staff_path(), R"({"active": false})").status == 200);
  const auto erased = app.coordinator("POST", history.staff_path("/erase"));
  INFO(erased.body);
  REQUIRE(erased.status == 200);
  CHECK(body_of(erased).at("loans_kept") == 1);
  CHECK(body_of(erased).at("trips_summarised") == 2);

  CHECK(history.distance_report() == before);
  CHECK(app.count("SELECT count(*) FROM loans") == 2);
  const auto record = body_of(app.coordinator("GET", history.staff_path()));
  CHECK(record.at("name") == "Erased staff member");
  CHECK(record.at("email") == "");
  CHECK(record.at("pay_band") == "3");
  CHECK(app.count("SELECT count(*) FROM staff_privacy_zones") == 0);
  CHECK(app.coordinator("POST", history.staff_path("/erase")).status == 409);
  CHECK(app.coordinator("POST", "/api/v1/staff/999999/erase").status == 404);
}

TEST_CASE("the GBFS feeds answer anyone, list bikes in their stores only, and carry nothing personal")
{
  rider_history history;
  auto& app = history.app;
  REQUIRE(app.coordinator("PUT", "/api/v1/sites/" + std::to_string(app.site) + "/location",
                          R"({"lat": 51.558, "lon": 0.45})")
              .status == 200);
  // The returned bike reports its battery from the store.
  REQUIRE(app.gateway_batch(json{{"device_id", "controller-1"},
                                 {"positions", {{{"time", (checkout + 4 * day) * 1000},
                                                 {"lat", 51.558},
                                                 {"lon", 0.45},
                                                 {"accuracy", 4.0},
                                                 {"battery", 0.8}}}}}
                                .dump())
              .status == 200);
  const auto lent_bike = app.add_bike(app.site);
  app.lend(history.rider, lent_bike, checkout + 10 * day);

  std::string every_feed;
  for (const auto* feed : {"gbfs", "system_information", "vehicle_types", "station_information", "station_status",
                           "vehicle_status"}) {
    INFO(feed);
    const auto answer = app.device("GET", std::string("/gbfs/v3/") + feed + ".json");
    REQUIRE(answer.status == 200);
    const auto body = body_of(answer);
    CHECK(body.at("version") == "3.0");
    CHECK(body.at("ttl").get<int>() > 0);
    every_feed += answer.body;
  }

  const auto vehicles = body_of(app.device("GET", "/gbfs/v3/vehicle_status.json")).at("data").at("vehicles");
  REQUIRE(vehicles.size() == 1);  // the returned bike; the one on loan is not listed
  CHECK(vehicles[0].at("station_id") == std::to_string(app.site));
  CHECK_FALSE(vehicles[0].contains("lat"));
  CHECK(vehicles[0].at("vehicle_id").get<std::string>().find("EB-") == std::string::npos);
  CHECK(vehicles[0].at("current_fuel_percent") == Approx(0.8));
  CHECK(vehicles[0].at("current_range_meters") == Approx(40000));
  CHECK(vehicles[0].at("is_reserved") == false);
  const auto stations = body_of(app.device("GET", "/gbfs/v3/station_status.json")).at("data").at("stations");
  REQUIRE(stations.size() == 1);
  CHECK(stations[0].at("num_vehicles_available") == 1);

  for (const auto* personal : {"Rider 1", "S10001", "51.58", "0.49", "51.576", "0.488", "staff", "loan"}) {
    INFO(personal);
    CHECK(every_feed.find(personal) == std::string::npos);
  }

  // gbfs.json names the feeds at the host the caller used: never a Host header that is not a host.
  auto spoofed = app_calls::make_request("GET", "/gbfs/v3/gbfs.json");
  spoofed.headers.emplace_back("host", "evil.example\"/x");
  const auto refused = app.call(std::move(spoofed));
  CHECK(status_and_code(refused) == "400 invalid_host");
  auto plain = app_calls::make_request("GET", "/gbfs/v3/gbfs.json");
  plain.headers.emplace_back("host", "bikes.trust.example:8443");
  CHECK(app.call(std::move(plain)).body.find("http://bikes.trust.example:8443/gbfs/v3/") != std::string::npos);
}

TEST_CASE("with a public address gbfs.json lists the feeds there whatever Host the caller sent")
{
  temp_database file;
  auto config = app_calls::test_config(file.path());
  config.public_url = "https://bikes.trust.example";
  const api::app application(config);
  auto asked = app_calls::make_request("GET", "/gbfs/v3/gbfs.json");
  asked.headers.emplace_back("host", "attacker.example");
  const auto answer = app_calls::dispatch(application, std::move(asked));
  REQUIRE(answer.status == 200);
  const auto feeds = nlohmann::json::parse(answer.body).at("data").at("feeds");
  REQUIRE(feeds.size() == 6);
  for (const auto& feed : feeds) {
    CHECK(feed.at("url").get<std::string>().starts_with("https://bikes.trust.example/gbfs/v3/"));
  }
  CHECK(answer.body.find("attacker") == std::string::npos);
}
