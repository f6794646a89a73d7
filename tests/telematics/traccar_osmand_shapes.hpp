#pragma once

// Every request of Traccar's own OsmAnd decoder test (OsmAndProtocolDecoderTest in traccar/traccar),
// as data, so the library's tests and the API's tests send the same shapes.

#include <string>
#include <vector>

namespace traccar_shapes {

/// How a shape writes its time, so a test can send it with a fresh one in the same form.
enum class time_form { none, epoch_seconds, epoch_milliseconds, iso_utc_milliseconds, iso_utc_escaped, space_escaped };

/// What Traccar makes of the shape.
enum class traccar_result { position, position_without_coordinates, nothing };

struct shape {
  std::string name;
  std::string method;
  std::string target;
  std::string body;
  std::string content_type;
  std::string device_id;
  std::string time_text;  ///< exactly as it appears in the target or body; "" when none is sent
  time_form form = time_form::none;
  double lat = 0.0;
  double lon = 0.0;
  traccar_result traccar = traccar_result::position;
};

inline std::vector<shape> decoder_test_shapes()
{
  const std::string json = "application/json";
  return {
      {"Traccar Client 9 JSON", "POST", "/",
       R"({"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":37.4219983,"longitude":-122.084,"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},"activity":{"type":"still"},"extras":{},"_":"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&"},"device_id":"48241179"})",
       json, "48241179", "2025-06-15T13:45:12.862Z", time_form::iso_utc_milliseconds, 37.4219983, -122.084},
      {"Traccar Client 9 JSON with typed extras", "POST", "/",
       R"({"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":37.4219983,"longitude":-122.084,"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},"activity":{"type":"still"},"extras":{"device_string_test":"long_device_id","device_bool_test":true,"device_bool_false_test":false,"device_integer_test":1,"device_double_test":1.345,"device_very_long_double_test":1763636.3442},"_":"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&"},"device_id":"48241179"})",
       json, "48241179", "2025-06-15T13:45:12.862Z", time_form::iso_utc_milliseconds, 37.4219983, -122.084},
      {"iOS JSON with -1 for unknown speed, heading and battery, and a null floor", "POST", "/",
       R"({"location":{"extras":{},"mock":true,"coords":{"speed_accuracy":-1,"speed":-1,"longitude":-122.406417,"ellipsoidal_altitude":0,"floor":null,"heading_accuracy":-1,"latitude":37.785834000000001,"accuracy":5,"altitude_accuracy":-1,"altitude":0,"heading":-1},"is_moving":false,"age":188,"odometer":0,"uuid":"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8","event":"motionchange","battery":{"level":-1,"is_charging":false},"activity":{"type":"unknown","confidence":100},"timestamp":"2025-05-09T04:11:30.579Z"},"device_id":"658765"})",
       json, "658765", "2025-05-09T04:11:30.579Z", time_form::iso_utc_milliseconds, 37.785834, -122.406417},
      {"Android JSON with members in another order", "POST", "/",
       R"({"location":{"event":"motionchange","is_moving":false,"uuid":"0e9a2473-a9a7-4c00-997b-fb97d2154e75","timestamp":"2021-07-21T08:06:34.444Z","odometer":0,"coords":{"latitude":-6.1148096,"longitude":106.6837015,"accuracy":3.8,"speed":18.67,"speed_accuracy":0.26,"heading":63,"heading_accuracy":0.28,"altitude":35.7,"altitude_accuracy":3.8},"activity":{"type":"still","confidence":100},"battery":{"is_charging":false,"level":0.79},"extras":{}},"device_id":"8737767034"})",
       json, "8737767034", "2021-07-21T08:06:34.444Z", time_form::iso_utc_milliseconds, -6.1148096, 106.6837015},
      {"cell towers and Wi-Fi without coordinates", "GET",
       "/?id=123456&timestamp=1377177267&cell=257,02,16,2224&cell=257,02,16,2223,-90&wifi=00-14-22-01-23-45,-80&wifi=00-1C-B3-09-85-15,-70",
       "", "", "123456", "1377177267", time_form::epoch_seconds, 0.0, 0.0, traccar_result::position_without_coordinates},
      {"no device id", "GET", "/?timestamp=1377177267&lat=60.0&lon=30.0", "", "", "", "1377177267",
       time_form::epoch_seconds, 60.0, 30.0, traccar_result::nothing},
      {"ISO 8601 with escaped colons and hdop", "GET",
       "/?id=902064&lat=42.06288&lon=-88.23412&timestamp=2016-01-27T18%3A55%3A47Z&hdop=6.0&altitude=224.0&speed=0.0", "",
       "", "902064", "2016-01-27T18%3A55%3A47Z", time_form::iso_utc_escaped, 42.06288, -88.23412},
      {"epoch milliseconds", "GET",
       "/?id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579&hdop=6.0&altitude=224.0&speed=0.0", "", "",
       "902064", "1442068686579", time_form::epoch_milliseconds, 42.06288, -88.23412},
      {"yyyy-MM-dd+HH:mm:ss with the id last", "GET",
       "/?lat=49.60688&lon=6.15788&timestamp=2014-06-04+09%3A10%3A11&altitude=384.7&speed=0.0&id=353861053849681", "", "",
       "353861053849681", "2014-06-04+09%3A10%3A11", time_form::space_escaped, 49.60688, 6.15788},
      {"speed, bearing, altitude and hdop", "GET",
       "/?id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=0.0&bearing=0.0&altitude=0&hdop=0.0", "", "", "123456",
       "1377177267", time_form::epoch_seconds, 60.0, 30.0},
      {"the fewest fields", "GET", "/?id=123456&timestamp=1377177267&lat=60.0&lon=30.0", "", "", "123456", "1377177267",
       time_form::epoch_seconds, 60.0, 30.0},
      {"no timestamp, deviceid last, vertical and horizontal accuracy", "GET",
       "/?lat=60.0&lon=30.0&speed=0.0&heading=0.0&vacc=0&hacc=0&altitude=0&deviceid=123456", "", "", "123456", "",
       time_form::none, 60.0, 30.0},
      {"no timestamp, battery", "GET",
       "/?id=861001000719969&lat=41.666667&lon=-0.883333&altitude=350.059479&speed=0.000000&batt=87", "", "",
       "861001000719969", "", time_form::none, 41.666667, -0.883333},
      {"location=lat,lon", "GET", "/?id=123456&timestamp=1377177267&location=60.0,30.0", "", "", "123456", "1377177267",
       time_form::epoch_seconds, 60.0, 30.0},
      {"vehicle attributes", "GET",
       "/?id=123456789012345&timestamp=1504763810&lat=40.7232948571&lon=-74.0061408571&bearing=7.19889788244&speed=40&ignition=true&rpm=933&fuel=24",
       "", "", "123456789012345", "1504763810", time_form::epoch_seconds, 40.7232948571, -74.0061408571},
  };
}

}  // namespace traccar_shapes
