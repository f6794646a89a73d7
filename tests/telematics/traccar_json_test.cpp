#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/form_urlencoded.hpp"
#include "pedalpower/telematics/osmand.hpp"
#include "pedalpower/telematics/traccar_json.hpp"
#include "refusal.hpp"

using namespace pedalpower::telematics;

namespace {

std::string refused_field(std::string_view body)
{
  return refused_field_of([&] { parse_traccar_json(body); });
}

}  // namespace

TEST_CASE("the JSON variant parses to the same position as the OsmAnd query")
{
  const auto from_query = parse_osmand(parse_form_urlencoded(
      "id=bike-7&timestamp=1740987665&lat=51.5760&lon=0.4880&accuracy=4&altitude=12.5&bearing=270&batt=87"
      "&odometer=15234.5"), time_point{});
  const auto from_json = parse_traccar_json(R"({
    "device_id": "bike-7",
    "location": {
      "timestamp": "2025-03-03T07:41:05.000Z",
      "coords": {"latitude": 51.5760, "longitude": 0.4880, "accuracy": 4, "altitude": 12.5, "heading": 270},
      "odometer": 15234.5,
      "battery": {"level": 0.87}
    }
  })");
  CHECK(from_json == from_query);
}

TEST_CASE("JSON speed is already in metres per second")
{
  const auto fix = parse_traccar_json(
      R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z","coords":{"latitude":51.576,"longitude":0.488,"speed":5.5}}})");
  CHECK(fix.speed_mps == 5.5);
}

TEST_CASE("the location plugin's -1 for unknown speed, heading and battery means absent")
{
  const auto fix = parse_traccar_json(R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z",
      "coords":{"latitude":51.576,"longitude":0.488,"speed":-1,"heading":-1},"battery":{"level":-1}}})");
  CHECK_FALSE(fix.speed_mps);
  CHECK_FALSE(fix.bearing_deg);
  CHECK_FALSE(fix.battery);
}

TEST_CASE("motion, event, charging, activity and extras become attributes")
{
  const auto fix = parse_traccar_json(R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z",
      "coords":{"latitude":51.576,"longitude":0.488},"is_moving":true,"event":"motionchange",
      "battery":{"level":0.5,"is_charging":false},"activity":{"type":"on_bicycle"},
      "extras":{"loan":"L-42","cadence":71}}})");
  CHECK(fix.attributes == std::map<std::string, std::string>{{"is_moving", "true"},
                                                             {"event", "motionchange"},
                                                             {"is_charging", "false"},
                                                             {"activity", "on_bicycle"},
                                                             {"loan", "L-42"},
                                                             {"cadence", "71"}});
  CHECK(fix.battery == 0.5);
}

TEST_CASE("a numeric device id is read as text")
{
  const auto fix = parse_traccar_json(
      R"({"device_id":123456,"location":{"timestamp":"2025-03-03T07:41:05Z","coords":{"latitude":51.576,"longitude":0.488}}})");
  CHECK(fix.device_id == "123456");
}

TEST_CASE("a malformed JSON body is refused naming the member as a path")
{
  CHECK(refused_field("not json") == "body");
  CHECK(refused_field("[1,2]") == "body");
  CHECK(refused_field(R"({"location":{}})") == "device_id");
  CHECK(refused_field(R"({"device_id":""})") == "device_id");
  CHECK(refused_field(R"({"device_id":"7"})") == "location");
  CHECK(refused_field(R"({"device_id":"7","location":[]})") == "location");
  CHECK(refused_field(R"({"device_id":"7","location":{"coords":{"latitude":51.5,"longitude":0.4}}})") ==
        "location.timestamp");
  CHECK(refused_field(R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z"}})") == "location.coords");
  CHECK(refused_field(R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z","coords":{"longitude":0.4}}})") ==
        "location.coords.latitude");
  CHECK(refused_field(
            R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z","coords":{"latitude":"51.5","longitude":0.4}}})") ==
        "location.coords.latitude");
  CHECK(refused_field(R"({"device_id":"7","location":{"timestamp":"yesterday","coords":{"latitude":51.5,"longitude":0.4}}})") ==
        "location.timestamp");
  CHECK(refused_field(
            R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z","coords":{"latitude":51.5,"longitude":0.4},"battery":{"level":"full"}}})") ==
        "location.battery.level");
}

TEST_CASE("a body nested far deeper than any device sends is refused, a shallow nesting is read")
{
  const auto with_event = [](const std::string& event) {
    return R"({"device_id":"7","location":{"timestamp":"2025-03-03T07:41:05Z","coords":{"latitude":51.5,"longitude":0.4},"event":)" +
           event + "}}";
  };
  const auto nested = [](int levels) {
    return std::string(static_cast<std::size_t>(levels), '[') + std::string(static_cast<std::size_t>(levels), ']');
  };
  CHECK(refused_field(with_event(nested(100'000))) == "body");
  CHECK(refused_field(with_event(nested(40))) == "body");
  CHECK_NOTHROW(parse_traccar_json(with_event(nested(20))));
}
