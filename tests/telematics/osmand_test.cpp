#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "commute_start.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/form_urlencoded.hpp"
#include "pedalpower/telematics/osmand.hpp"
#include "pedalpower/telematics/traccar_json.hpp"
#include "refusal.hpp"
#include "traccar_osmand_shapes.hpp"

using namespace pedalpower::telematics;
using std::chrono::hours;

namespace {

/// When the requests below arrived: an hour after the fix they carry.
const time_point received = commute_start + hours{1};

position parse_query(std::string_view query) { return parse_osmand(parse_form_urlencoded(query), received); }

/// A shape of Traccar's decoder test, read as the /osmand route reads it.
position parse_shape(const traccar_shapes::shape& shape)
{
  if (shape.content_type == "application/json") return parse_traccar_json(shape.body);
  return parse_query(std::string_view(shape.target).substr(shape.target.find('?') + 1));
}

/// The field an OsmAnd query is refused for, or "" if it parses.
std::string refused_field(std::string_view query)
{
  return refused_field_of([&] { parse_query(query); });
}

}  // namespace

TEST_CASE("every OsmAnd shape of one fix parses to the same position")
{
  const auto reference = parse_query("id=bike-7&timestamp=1740987665&lat=51.5760&lon=0.4880");
  CHECK(reference.device_id == "bike-7");
  CHECK(reference.time == commute_start);
  CHECK(reference.lat == 51.5760);
  CHECK(reference.lon == 0.4880);

  for (const char* query : {
           "id=bike-7&timestamp=1740987665000&lat=51.5760&lon=0.4880",
           "id=bike-7&timestamp=2025-03-03T07%3A41%3A05Z&lat=51.5760&lon=0.4880",
           "id=bike-7&timestamp=2025-03-03T08:41:05%2B01:00&lat=51.5760&lon=0.4880",
           "id=bike-7&timestamp=2025-03-03T07:41:05.000Z&lat=51.5760&lon=0.4880",
           "id=bike-7&timestamp=2025-03-03+07%3A41%3A05&lat=51.5760&lon=0.4880",
           "deviceid=bike-7&timestamp=1740987665&lat=51.5760&lon=0.4880",
           "id=bike-7&timestamp=1740987665&location=51.5760%2C0.4880",
           "lon=0.4880&lat=51.5760&timestamp=1740987665&id=bike-7",
       }) {
    INFO(query);
    CHECK(parse_query(query) == reference);
  }
}

TEST_CASE("OsmAnd measurements are converted to the model's units")
{
  const auto fix = parse_query(
      "id=7&timestamp=1740987665&lat=51.576&lon=0.488&speed=10&bearing=270&altitude=12.5&accuracy=4&hdop=0.9"
      "&batt=87&odometer=15234.5");
  REQUIRE(fix.speed_mps);
  CHECK(*fix.speed_mps == Approx(10.0 * 1852.0 / 3600.0));
  CHECK(fix.bearing_deg == 270.0);
  CHECK(fix.altitude_m == 12.5);
  CHECK(fix.accuracy_m == 4.0);
  CHECK(fix.hdop == 0.9);
  CHECK(fix.battery == 0.87);
  CHECK(fix.odometer_m == 15234.5);
  CHECK(fix.valid);
  CHECK(fix.attributes.empty());
}

TEST_CASE("heading is read like bearing")
{
  CHECK(parse_query("id=7&timestamp=1740987665&lat=51.576&lon=0.488&heading=90").bearing_deg == 90.0);
}

TEST_CASE("a fix the device marks invalid is kept but flagged")
{
  for (const char* flag : {"false", "0", "FALSE"}) {
    CHECK_FALSE(parse_query(std::string("id=7&timestamp=1740987665&lat=51.576&lon=0.488&valid=") + flag).valid);
  }
  for (const char* flag : {"true", "1", "True"}) {
    CHECK(parse_query(std::string("id=7&timestamp=1740987665&lat=51.576&lon=0.488&valid=") + flag).valid);
  }
}

TEST_CASE("unknown keys become attributes and empty values are absent")
{
  const auto fix = parse_query("id=7&timestamp=1740987665&lat=51.576&lon=0.488&cell=234,15,1,2&charge=true&speed=");
  CHECK(fix.attributes == std::map<std::string, std::string>{{"cell", "234,15,1,2"}, {"charge", "true"}});
  CHECK_FALSE(fix.speed_mps);
}

TEST_CASE("a malformed OsmAnd request is refused naming the field at fault")
{
  CHECK(refused_field("timestamp=1740987665&lat=51.576&lon=0.488") == "id");
  CHECK(refused_field("id=7&timestamp=1740987665&lon=0.488") == "lat");
  CHECK(refused_field("id=7&timestamp=1740987665&lat=51.576") == "lon");
  CHECK(refused_field("id=7&timestamp=soon&lat=51.576&lon=0.488") == "timestamp");
  CHECK(refused_field("id=7&timestamp=1740987665&lat=north&lon=0.488") == "lat");
  CHECK(refused_field("id=7&timestamp=1740987665&location=51.576") == "location");
  CHECK(refused_field("id=7&timestamp=1740987665&location=51.576,0.488,3") == "location");
  CHECK(refused_field("id=7&timestamp=1740987665&lat=51.576&lon=0.488&speed=fast") == "speed");
  CHECK(refused_field("id=7&timestamp=1740987665&lat=51.576&lon=0.488&batt=%") == "encoding");
  CHECK(refused_field("id=7&timestamp=1740987665&lat=51.576&lon=0.488&valid=maybe") == "valid");
  CHECK(refused_field("id=7&deviceid=8&timestamp=1740987665&lat=51.576&lon=0.488") == "id");
  CHECK(refused_field("id=7&timestamp=1740987665&lat=51.576&lon=0.488&lat=51.6") == "lat");
  CHECK(refused_field("id=7&timestamp=1740987665&lat=51.5&lon=0.488&location=51.576,0.488") == "location");
}

TEST_CASE("a key repeated with the same value is accepted")
{
  CHECK(parse_query("id=7&id=7&timestamp=1740987665&lat=51.576&lon=0.488").device_id == "7");
}

TEST_CASE("the error message says which field and why")
{
  try {
    parse_query("id=7&timestamp=1740987665&lat=north&lon=0.488");
    FAIL("accepted");
  } catch (const invalid_input& error) {
    CHECK(std::string(error.what()) == "lat: 'north' is not a number");
  }
}

TEST_CASE("a fix without a timestamp takes the time it arrived and is marked as stamped on arrival")
{
  const auto untimed = parse_query("id=7&lat=51.576&lon=0.488");
  CHECK(untimed.time == received);
  CHECK(untimed.time_estimated);
  const auto timed = parse_query("id=7&timestamp=1740987665&lat=51.576&lon=0.488");
  CHECK(timed.time == commute_start);
  CHECK_FALSE(timed.time_estimated);
  CHECK(to_track_point(untimed).time_estimated);
}

TEST_CASE("every request shape of Traccar's own decoder test is read as Traccar reads it")
{
  for (const auto& shape : traccar_shapes::decoder_test_shapes()) {
    INFO(shape.name << ": " << shape.target << shape.body);
    switch (shape.traccar) {
      case traccar_shapes::traccar_result::position: {
        const auto fix = parse_shape(shape);
        CHECK(fix.device_id == shape.device_id);
        CHECK(fix.lat == Approx(shape.lat).margin(1e-9));
        CHECK(fix.lon == Approx(shape.lon).margin(1e-9));
        CHECK(fix.time_estimated == shape.time_text.empty());
        if (shape.time_text.empty()) CHECK(fix.time == received);
        break;
      }
      case traccar_shapes::traccar_result::position_without_coordinates:
        // Traccar repeats the device's last known place; a repeated place adds nothing here.
        CHECK(refused_field_of([&] { parse_shape(shape); }) == "lat");
        break;
      case traccar_shapes::traccar_result::nothing:
        CHECK(refused_field_of([&] { parse_shape(shape); }) == "id");
        break;
    }
  }
}

TEST_CASE("cell towers and Wi-Fi access points may each be sent several times, and are kept together")
{
  const auto fix = parse_query("id=7&timestamp=1740987665&lat=51.576&lon=0.488&cell=257,02,16,2224&cell=257,02,16,2223,-90"
                               "&wifi=00-14-22-01-23-45,-80&wifi=00-1C-B3-09-85-15,-70");
  CHECK(fix.attributes.at("cell") == "257,02,16,2224;257,02,16,2223,-90");
  CHECK(fix.attributes.at("wifi") == "00-14-22-01-23-45,-80;00-1C-B3-09-85-15,-70");
}
