#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../telematics/traccar_osmand_shapes.hpp"
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
  const auto text = pedalpower::iso8601(at + offset);
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
      {"ISO 8601 in UTC", "GET", "/osmand?id=" + device_id + "&timestamp=" + pedalpower::iso8601(at) + fix, "", ""},
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
  return app.tracker(req.method, req.target, req.body, req.content_type);
}

/// The time of a fix taken a minute from now: after any tracker fitted in the test, and not so far
/// ahead that it reads as a wrong device clock.
unix_seconds a_minute_from_now() { return pedalpower::current_time() + 60; }

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
  const auto bike = app.add_tracked_bike("phone-1").bike;
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
  app.add_tracked_bike("phone-1");
  const auto at = a_minute_from_now();
  const auto when = "&timestamp=" + std::to_string(at);
  const std::string id = "/osmand?id=phone-1";
  const std::string odometer = "&odometer=99999";
  const auto traccar_json = [&](const json& coords, const json& battery) {
    return json{{"device_id", "phone-1"},
                {"location", {{"timestamp", pedalpower::iso8601(at)}, {"coords", coords}, {"battery", battery}, {"odometer", 99999}}}}
        .dump();
  };
  struct malformed {
    device_request req;
    std::string field;
  };
  const std::vector<malformed> requests{
      {{"no latitude", "GET", id + when + "&lon=0.488" + odometer, "", ""}, "lat"},
      {{"no device id", "GET", "/osmand?timestamp=" + std::to_string(at) + "&lat=51.576&lon=0.488" + odometer, "", ""}, "id"},
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

TEST_CASE("a fix from an unknown or deactivated tracker gets the answer a known one gets, stores nothing, and is listed",
          "[telematics-api]")
{
  tracked_app app;
  const auto [bike, tracker] = app.add_tracked_bike("phone-1");
  const auto at = a_minute_from_now();
  const auto fix_from = [&](const std::string& device_id, unix_seconds when) {
    return app.tracker("GET", "/osmand?id=" + device_id + "&timestamp=" + std::to_string(when) +
                                  "&lat=51.576&lon=0.488&odometer=99999");
  };

  const auto known = fix_from("phone-1", at);
  REQUIRE(known.status == 200);
  const auto stranger = fix_from("phone-9", at);
  CHECK(stranger.status == known.status);
  CHECK(stranger.body == known.body);
  CHECK(stranger.headers == known.headers);
  CHECK(stranger.content_type == known.content_type);
  CHECK(app.positions_of(bike).size() == 1);

  REQUIRE(app.coordinator("DELETE", "/api/v1/trackers/" + std::to_string(tracker)).status == 204);
  const auto retired = fix_from("phone-1", at + 1);
  CHECK(retired.status == 200);
  CHECK(retired.body.empty());
  CHECK(app.positions_of(bike).size() == 1);
  CHECK(app.count("SELECT count(*) FROM positions") == 1);
  CHECK(app.count("SELECT odometer_m FROM bikes") == 99999);

  const auto refused = app.coordinator("GET", "/api/v1/telematics/refused-senders");
  REQUIRE(refused.status == 200);
  const auto senders = body_of(refused).at("data");
  REQUIRE(senders.size() == 2);
  for (const auto& sender : senders) {
    CHECK(sender.at("reason") == "unknown_device");
    CHECK(sender.at("fixes") == 1);
  }
}

TEST_CASE("a tracker with a secret takes fixes only with its secret in the URL, the answer never tells",
          "[telematics-api]")
{
  tracked_app app;
  const auto [bike, tracker] = app.add_tracked_bike("phone-1");
  const auto secret_path = "/api/v1/trackers/" + std::to_string(tracker) + "/secret";
  const auto issued = app.coordinator("POST", secret_path);
  INFO(issued.body);
  REQUIRE(issued.status == 201);
  const auto secret = body_of(issued).at("secret").get<std::string>();
  CHECK(secret.size() >= 43);
  CHECK(body_of(issued).at("has_secret") == true);
  CHECK(app.count("SELECT count(*) FROM trackers WHERE secret_digest = '" + pedalpower::token_digest(secret) + "'") == 1);
  CHECK(app.count("SELECT count(*) FROM audit_log WHERE after LIKE '%" + secret + "%'") == 0);

  auto at = a_minute_from_now();
  const auto fix_with = [&](const std::string& query) {
    return app.tracker("GET", "/osmand?id=phone-1&timestamp=" + std::to_string(at++) + "&lat=51.576&lon=0.488" + query);
  };
  // The secret given at registration was replaced: sending it now is as wrong as any other.
  for (const std::string& wrong : std::vector<std::string>{"", "&secret=", "&secret=guess", "&secret=" + secret.substr(1)}) {
    INFO("secret part: " << wrong);
    const auto answer = fix_with(wrong);
    CHECK(answer.status == 200);
    CHECK(answer.body.empty());
  }
  CHECK(app.positions_of(bike).empty());
  CHECK(fix_with("&secret=" + secret).status == 200);
  CHECK(app.positions_of(bike).size() == 1);
  CHECK(body_of(app.coordinator("GET", "/api/v1/telematics/refused-senders")).at("data").at(0).at("reason") ==
        "wrong_secret");

  // Traccar Client 9 sends JSON to the URL it was given, the secret's query included.
  const auto json_fix = json{{"device_id", "phone-1"},
                             {"location",
                              {{"timestamp", pedalpower::iso8601(at++)},
                               {"coords", {{"latitude", 51.576}, {"longitude", 0.488}}}}}}
                            .dump();
  CHECK(app.tracker("POST", "/osmand?secret=" + secret, json_fix, "application/json").status == 200);
  CHECK(app.positions_of(bike).size() == 2);

  // With its secret dropped, nothing vouches for the device's fixes: none counts until it has a new one.
  REQUIRE(app.coordinator("DELETE", secret_path).status == 200);
  CHECK(fix_with("&secret=" + secret).status == 200);
  CHECK(fix_with("&secret=").status == 200);
  CHECK(app.positions_of(bike).size() == 2);
}

TEST_CASE(
    "a registered tracker is given a secret at once and its fixes count only with it, so a guessed id sends nothing",
    "[telematics-api]")
{
  tracked_app app;
  const auto bike = app.add_bike(app.site);
  const auto registered =
      app.coordinator("POST", "/api/v1/trackers", json{{"device_id", "TRK-EB-0001"}, {"bike_id", bike}}.dump());
  INFO(registered.body);
  REQUIRE(registered.status == 201);
  const auto secret = body_of(registered).at("secret").get<std::string>();
  CHECK(secret.size() >= 43);
  CHECK(body_of(registered).at("has_secret") == true);
  CHECK(app.count("SELECT count(*) FROM idempotency_keys WHERE response_body LIKE '%" + secret + "%'") == 0);
  CHECK(app.count("SELECT count(*) FROM audit_log WHERE after LIKE '%" + secret + "%'") == 0);

  // Someone who guesses the id from the asset tag tries to make the bike look flat.
  const auto at = a_minute_from_now();
  const auto forged = "/osmand?id=TRK-EB-0001&timestamp=" + std::to_string(at) + "&lat=51.576&lon=0.488&batt=3";
  CHECK(app.device("GET", forged).status == 200);
  CHECK(app.positions_of(bike).empty());
  CHECK(app.device("GET", forged + "&secret=" + secret).status == 200);
  CHECK(app.positions_of(bike).size() == 1);
}

TEST_CASE("a device sending faster than its rate is told to slow down, known or not, and others are not",
          "[telematics-api]")
{
  tracked_app app([](api::app_config& config) {
    config.tracker_burst = 3;
    config.tracker_fixes_per_second = 0.001;
  });
  const auto bike = app.add_tracked_bike("phone-1").bike;
  app.add_tracker("phone-2", app.add_bike(app.site));
  auto at = a_minute_from_now();
  const auto fix_from = [&](const std::string& device_id) {
    return app.tracker("GET",
                       "/osmand?id=" + device_id + "&timestamp=" + std::to_string(at++) + "&lat=51.576&lon=0.488");
  };
  for (const std::string device_id : {"phone-1", "phone-9"}) {
    for (int sent = 0; sent < 3; ++sent) CHECK(fix_from(device_id).status == 200);
    const auto slowed = fix_from(device_id);
    REQUIRE(slowed.status == 429);
    CHECK(error_of(slowed).at("code") == "rate_limited");
    CHECK(std::find(slowed.headers.begin(), slowed.headers.end(), std::pair<std::string, std::string>{"Retry-After", "1"}) !=
          slowed.headers.end());
  }
  CHECK(app.positions_of(bike).size() == 3);
  CHECK(fix_from("phone-2").status == 200);
}

TEST_CASE("a fix far outside the scheme's area is kept flagged and never counted", "[telematics-api]")
{
  tracked_app app;
  const auto located = app.coordinator("PUT", "/api/v1/sites/" + std::to_string(app.site) + "/location",
                                       json{{"lat", 51.5760}, {"lon", 0.4880}}.dump());
  INFO(located.body);
  REQUIRE(located.status == 200);
  CHECK(body_of(located).at("lat") == 51.576);
  app.add_tracked_bike("phone-1");
  const auto at = a_minute_from_now();
  // Inside the 50 km radius (Southend, 20 km away) and far outside it (5,000 km away).
  CHECK(app.tracker("GET", "/osmand?id=phone-1&timestamp=" + std::to_string(at) + "&lat=51.5459&lon=0.7077").status ==
        200);
  CHECK(app.tracker("GET", "/osmand?id=phone-1&timestamp=" + std::to_string(at + 1) + "&lat=10.0&lon=30.0").status ==
        200);
  CHECK(app.count("SELECT count(*) FROM positions WHERE outside_area = 0") == 1);
  CHECK(app.count("SELECT count(*) FROM positions WHERE outside_area = 1 AND lat_udeg = 10000000") == 1);

  const auto bad = app.coordinator("PUT", "/api/v1/sites/" + std::to_string(app.site) + "/location",
                                   json{{"lat", 95.0}, {"lon", 0.4880}}.dump());
  CHECK(status_and_field(bad) == "422 lat");
  CHECK(app.coordinator("PUT", "/api/v1/sites/999/location", json{{"lat", 51.0}, {"lon", 0.4}}.dump()).status == 404);
}

TEST_CASE("a fix without a timestamp is stored at the time it arrived, marked as stamped on arrival", "[telematics-api]")
{
  tracked_app app;
  app.add_tracked_bike("phone-1");
  const auto before_ms = pedalpower::current_time() * 1000;
  REQUIRE(app.tracker("GET", "/osmand?id=phone-1&lat=51.576&lon=0.488").status == 200);
  const auto after_ms = (pedalpower::current_time() + 1) * 1000;
  CHECK(app.count("SELECT count(*) FROM positions WHERE time_estimated = 1 AND time_ms BETWEEN " + std::to_string(before_ms) +
                  " AND " + std::to_string(after_ms)) == 1);
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
  const auto fix = "/osmand?id=phone-1&timestamp=" + std::to_string(at) +
                   "&lat=51.576012&lon=0.488034&secret=" + body_of(registered).at("secret").get<std::string>();

  CHECK(app.tracker("POST", fix).status == 200);
  CHECK(app.count("SELECT count(*) FROM positions") == 0);

  REQUIRE(app.coordinator("PUT", "/api/v1/trackers/" + std::to_string(tracker) + "/bike",
                          json{{"bike_id", bike}}.dump())
              .status == 200);
  CHECK(app.tracker("POST", fix).status == 200);
  CHECK(app.positions_of(bike).size() == 1);
}

namespace {

/// `at` written as `form` writes a time.
std::string fresh_time(traccar_shapes::time_form form, unix_seconds at)
{
  using traccar_shapes::time_form;
  auto iso = pedalpower::iso8601(at);  // YYYY-MM-DDTHH:MM:SSZ
  switch (form) {
    case time_form::none: return "";
    case time_form::epoch_seconds: return std::to_string(at);
    case time_form::epoch_milliseconds: return std::to_string(at) + "000";
    case time_form::iso_utc_milliseconds: return iso.substr(0, 19) + ".000Z";
    case time_form::iso_utc_escaped: return iso.substr(0, 13) + "%3A" + iso.substr(14, 2) + "%3A" + iso.substr(17);
    case time_form::space_escaped:
      return iso.substr(0, 10) + "+" + iso.substr(11, 2) + "%3A" + iso.substr(14, 2) + "%3A" + iso.substr(17, 2);
  }
  return "";
}

std::string with_time(std::string text, const std::string& old_time, const std::string& new_time)
{
  if (old_time.empty()) return text;
  for (auto at = text.find(old_time); at != std::string::npos; at = text.find(old_time, at + new_time.size())) {
    text.replace(at, old_time.size(), new_time);
  }
  return text;
}

}  // namespace

TEST_CASE("every request shape of Traccar's own decoder test is answered as Traccar answers it", "[telematics-api]")
{
  for (const auto& shape : traccar_shapes::decoder_test_shapes()) {
    INFO(shape.name << ": " << shape.target << shape.body);
    tracked_app app;
    const auto bike = app.add_bike(app.site);
    if (!shape.device_id.empty()) app.add_tracker(shape.device_id, bike);
    const auto at = a_minute_from_now();
    const auto time = fresh_time(shape.form, at);
    const auto target = "/osmand" + with_time(shape.target, shape.time_text, time).substr(1);
    const auto before_ms = pedalpower::current_time() * 1000;
    const auto answer =
        app.tracker(shape.method, target, with_time(shape.body, shape.time_text, time), shape.content_type);
    INFO(answer.body);
    switch (shape.traccar) {
      case traccar_shapes::traccar_result::position: {
        CHECK(answer.status == 200);
        CHECK(answer.body.empty());
        const auto stored = app.positions_of(bike);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].lat_udeg == std::llround(shape.lat * 1e6));
        CHECK(stored[0].lon_udeg == std::llround(shape.lon * 1e6));
        if (shape.form == traccar_shapes::time_form::none) {
          CHECK(stored[0].time_ms >= before_ms);
          CHECK(app.count("SELECT time_estimated FROM positions") == 1);
        } else {
          CHECK(stored[0].time_ms == at * 1000);
          CHECK(app.count("SELECT time_estimated FROM positions") == 0);
        }
        break;
      }
      case traccar_shapes::traccar_result::position_without_coordinates:
        CHECK(status_and_field(answer) == "400 lat");
        break;
      case traccar_shapes::traccar_result::nothing:
        CHECK(status_and_field(answer) == "400 id");
        break;
    }
  }
}
