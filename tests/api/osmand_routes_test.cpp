#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "telematics_api_fixture.hpp"

using namespace telematics_api;

namespace {

/// One OsmAnd request as a device sends it.
struct device_request {
  std::string shape;
  std::string method;
  std::string target;
  std::string body;
  std::string content_type;
};

/// `at` in ISO 8601 with no zone letter: the local time an hour east of UTC, or UTC itself.
std::string local_time(unix_seconds at, unix_seconds offset)
{
  const auto text = domain::iso8601(at + offset);
  return text.substr(0, text.size() - 1);
}

// The one fix every shape below carries: what Traccar Client reports for a bike at Basildon.
constexpr char lat[] = "51.576012";
constexpr char lon[] = "0.488034";
const std::string rest_of_fix = "&speed=9.7&bearing=90&altitude=12&accuracy=4.5&batt=87&odometer=15234&valid=true";

/// The same fix from `device_id` at `at`, in every shape the protocol allows.
std::vector<device_request> every_shape_of(const std::string& device_id, unix_seconds at)
{
  const auto seconds = std::to_string(at);
  const auto fix = std::string("&lat=") + lat + "&lon=" + lon + rest_of_fix;
  const auto json_body = json{{"device_id", device_id},
                              {"location",
                               {{"timestamp", local_time(at, 0) + ".000Z"},
                                {"coords",
                                 {{"latitude", 51.576012},
                                  {"longitude", 0.488034},
                                  {"accuracy", 4.5},
                                  {"speed", 5.0},
                                  {"heading", 90},
                                  {"altitude", 12}}},
                                {"is_moving", true},
                                {"odometer", 15234},
                                {"event", "motionchange"},
                                {"battery", {{"level", 0.87}, {"is_charging", false}}},
                                {"activity", {{"type", "on_bicycle"}}},
                                {"extras", json::object()}}}};
  return {
      {"epoch seconds in a GET query", "GET", "/osmand?id=" + device_id + "&timestamp=" + seconds + fix, "", ""},
      {"epoch milliseconds in the query of an empty POST", "POST", "/osmand?id=" + device_id + "&timestamp=" + seconds + "000" + fix,
       "", ""},
      {"ISO 8601 in UTC", "GET", "/osmand?id=" + device_id + "&timestamp=" + domain::iso8601(at) + fix, "", ""},
      {"ISO 8601 with an offset whose + arrived unescaped", "GET",
       "/osmand?id=" + device_id + "&timestamp=" + local_time(at, hour) + "+01:00" + fix, "", ""},
      {"ISO 8601 with an escaped offset", "GET",
       "/osmand?id=" + device_id + "&timestamp=" + local_time(at, hour) + "%2B01:00" + fix, "", ""},
      {"yyyy-MM-dd HH:mm:ss", "GET",
       "/osmand?id=" + device_id + "&timestamp=" + local_time(at, 0).replace(10, 1, "+") + fix, "", ""},
      {"deviceid, location=lat,lon and heading", "GET",
       "/osmand?deviceid=" + device_id + "&timestamp=" + seconds + "&location=" + lat + "%2C" + lon +
           "&speed=9.7&heading=90&altitude=12&accuracy=4.5&batt=87&odometer=15234",
       "", ""},
      {"a form body", "POST", "/osmand", "id=" + device_id + "&timestamp=" + seconds + fix,
       "application/x-www-form-urlencoded"},
      {"the id in the query and the fix in a form body", "POST", "/osmand?id=" + device_id,
       "timestamp=" + seconds + fix, "application/x-www-form-urlencoded"},
      {"Traccar Client 9 JSON", "POST", "/osmand", json_body.dump(), "application/json"},
  };
}

stored_position expected_row(unix_seconds at)
{
  stored_position row;
  row.time_ms = at * 1000;
  row.lat_udeg = 51576012;
  row.lon_udeg = 488034;
  row.accuracy_dm = 45;
  row.odometer_m = 15234;
  row.battery_pct = 87;
  return row;
}

api::response sent(const tracked_app& app, const device_request& req)
{
  return app.device(req.method, req.target, req.body, req.content_type);
}

/// The time of a fix taken a minute from now: after any tracker fitted in the test, and not so far
/// ahead that it reads as a wrong device clock.
unix_seconds a_minute_from_now() { return domain::current_time() + 60; }

}  // namespace

TEST_CASE("every shape of OsmAnd request stores the same position", "[telematics-api]")
{
  tracked_app app;
  // A tracker per shape, each on its own bike, so every shape stores a row of its own to compare.
  const auto shape_count = every_shape_of("", 0).size();
  std::vector<std::int64_t> bikes;
  for (std::size_t i = 0; i < shape_count; ++i) {
    bikes.push_back(app.add_bike(app.site));
    app.add_tracker("phone-" + std::to_string(i), bikes.back());
  }
  const auto at = a_minute_from_now();
  for (std::size_t i = 0; i < shape_count; ++i) {
    const auto req = every_shape_of("phone-" + std::to_string(i), at)[i];
    INFO(req.shape << ": " << req.method << " " << req.target << " " << req.body);
    const auto answer = sent(app, req);
    INFO(answer.body);
    CHECK(answer.status == 200);
    CHECK(answer.body.empty());
    CHECK(app.positions_of(bikes[i]) == std::vector<stored_position>{expected_row(at)});
  }
}

TEST_CASE("the same fix sent again, in any shape, is answered 200 and stores nothing new", "[telematics-api]")
{
  tracked_app app;
  const auto bike = app.add_bike(app.site);
  app.add_tracker("phone-1", bike);
  const auto at = a_minute_from_now();
  for (int round = 0; round < 2; ++round) {
    for (const auto& req : every_shape_of("phone-1", at)) {
      INFO(req.shape);
      CHECK(sent(app, req).status == 200);
    }
  }
  CHECK(app.positions_of(bike) == std::vector<stored_position>{expected_row(at)});
  CHECK(app.count("SELECT odometer_m FROM bikes") == 15234);
}

TEST_CASE("a malformed OsmAnd request is answered 400 naming the field, and stores nothing", "[telematics-api]")
{
  tracked_app app;
  const auto bike = app.add_bike(app.site);
  app.add_tracker("phone-1", bike);
  const auto at = a_minute_from_now();
  const auto when = "&timestamp=" + std::to_string(at);
  const std::string id = "/osmand?id=phone-1";
  const std::string odometer = "&odometer=99999";
  const auto traccar_json = [&](const json& coords, const json& battery) {
    return json{{"device_id", "phone-1"},
                {"location", {{"timestamp", domain::iso8601(at)}, {"coords", coords}, {"battery", battery}, {"odometer", 99999}}}}
        .dump();
  };
  struct malformed {
    device_request req;
    std::string field;
  };
  const std::vector<malformed> requests{
      {{"no latitude", "GET", id + when + "&lon=0.488" + odometer, "", ""}, "lat"},
      {{"no device id", "GET", "/osmand?timestamp=" + std::to_string(at) + "&lat=51.576&lon=0.488" + odometer, "", ""}, "id"},
      {{"no time", "GET", id + "&lat=51.576&lon=0.488" + odometer, "", ""}, "timestamp"},
      {{"a time that is no time", "GET", id + "&timestamp=yesterday&lat=51.576&lon=0.488" + odometer, "", ""}, "timestamp"},
      {{"a time an hour ahead", "GET", id + "&timestamp=" + std::to_string(at + hour) + "&lat=51.576&lon=0.488" + odometer,
        "", ""},
       "timestamp"},
      {{"a latitude beyond the pole", "GET", id + when + "&lat=95&lon=0.488" + odometer, "", ""}, "lat"},
      {{"a latitude that is not a number", "GET", id + when + "&lat=north&lon=0.488" + odometer, "", ""}, "lat"},
      {{"0,0 from a receiver without a fix", "GET", id + when + "&lat=0&lon=0" + odometer, "", ""}, "lat"},
      {{"a location that is not lat,lon", "GET", id + when + "&location=51.576" + odometer, "", ""}, "location"},
      {{"an id and a deviceid that differ", "GET", id + "&deviceid=phone-2" + when + "&lat=51.576&lon=0.488" + odometer, "", ""},
       "id"},
      {{"a battery above 100 percent", "GET", id + when + "&lat=51.576&lon=0.488&batt=150" + odometer, "", ""}, "battery"},
      {{"a query and a form body that disagree", "POST", id + when + "&lat=51.576&lon=0.488", "lat=51.6" + odometer,
        "application/x-www-form-urlencoded"},
       "lat"},
      {{"a broken escape in a form body", "POST", "/osmand", "id=phone-1" + when + "&lat=51%ZZ&lon=0.488" + odometer,
        "application/x-www-form-urlencoded"},
       "encoding"},
      {{"JSON cut short", "POST", "/osmand", R"({"device_id":"phone-1","location":{"timestamp":)", "application/json"},
       "body"},
      {{"JSON without a latitude", "POST", "/osmand", traccar_json({{"longitude", 0.488}}, {{"level", 0.5}}),
        "application/json"},
       "location.coords.latitude"},
      {{"a JSON battery level sent as a percent", "POST", "/osmand",
        traccar_json({{"latitude", 51.576}, {"longitude", 0.488}}, {{"level", 87}}), "application/json"},
       "battery"},
  };
  for (const auto& [req, field] : requests) {
    INFO(req.shape << ": " << req.method << " " << req.target << " " << req.body);
    const auto answer = sent(app, req);
    INFO(answer.body);
    REQUIRE(answer.status == 400);
    const auto error = error_of(answer);
    CHECK(error.at("code") == "invalid_position");
    CHECK(error.at("field") == field);
    CHECK_FALSE(error.at("message").get<std::string>().empty());
  }
  CHECK(app.count("SELECT count(*) FROM positions") == 0);
  CHECK(app.count("SELECT odometer_m FROM bikes") == 0);
}

TEST_CASE("a fix from a device no active tracker is registered as is refused with 403 and stores nothing",
          "[telematics-api]")
{
  tracked_app app;
  const auto bike = app.add_bike(app.site);
  const auto tracker = app.add_tracker("phone-1", bike);
  const auto at = a_minute_from_now();
  const auto fix_from = [&](const std::string& device_id) {
    return app.device("GET", "/osmand?id=" + device_id + "&timestamp=" + std::to_string(at) +
                                 "&lat=51.576&lon=0.488&odometer=99999");
  };

  const auto stranger = fix_from("phone-9");
  REQUIRE(stranger.status == 403);
  CHECK(error_of(stranger).at("code") == "unknown_device");
  CHECK(error_of(stranger).at("field") == "id");

  REQUIRE(app.coordinator("DELETE", "/api/v1/trackers/" + std::to_string(tracker)).status == 204);
  const auto retired = fix_from("phone-1");
  REQUIRE(retired.status == 403);
  CHECK(error_of(retired).at("code") == "unknown_device");

  CHECK(app.count("SELECT count(*) FROM positions") == 0);
  CHECK(app.count("SELECT odometer_m FROM bikes") == 0);
}

TEST_CASE("a fix from a tracker fitted to no bike is answered 200 and kept nowhere until it is fitted",
          "[telematics-api]")
{
  tracked_app app;
  const auto bike = app.add_bike(app.site);
  const auto registered = app.coordinator("POST", "/api/v1/trackers", R"({"device_id":"phone-1"})");
  REQUIRE(registered.status == 201);
  const auto tracker = body_of(registered).at("id").get<std::int64_t>();
  const auto at = a_minute_from_now();
  const auto fix = "/osmand?id=phone-1&timestamp=" + std::to_string(at) + "&lat=51.576012&lon=0.488034";

  CHECK(app.device("POST", fix).status == 200);
  CHECK(app.count("SELECT count(*) FROM positions") == 0);

  REQUIRE(app.coordinator("PUT", "/api/v1/trackers/" + std::to_string(tracker) + "/bike",
                          json{{"bike_id", bike}}.dump())
              .status == 200);
  CHECK(app.device("POST", fix).status == 200);
  CHECK(app.positions_of(bike).size() == 1);
}
