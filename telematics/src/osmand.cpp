#include "pedalpower/telematics/osmand.hpp"

#include <map>
#include <optional>
#include <string_view>

#include "number_text.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/geo.hpp"
#include "pedalpower/telematics/timestamp.hpp"

namespace pedalpower::telematics {

namespace {

constexpr double metres_per_second_per_knot = 1852.0 / 3600.0;

bool parse_flag(std::string_view text)
{
  const auto value = detail::trim(text);
  if (detail::equals_ignoring_case(value, "true") || value == "1") return true;
  if (detail::equals_ignoring_case(value, "false") || value == "0") return false;
  throw invalid_input("valid", "'" + std::string(text) + "' is not true, false, 1 or 0");
}

geo_point parse_location(std::string_view text)
{
  const auto comma = text.find(',');
  if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos) {
    throw invalid_input("location", "'" + std::string(text) + "' is not lat,lon");
  }
  return {detail::parse_number(text.substr(0, comma), "location"), detail::parse_number(text.substr(comma + 1), "location")};
}

/// Keys a device sends once per cell tower or Wi-Fi access point it sees.
bool is_list_key(std::string_view key) { return key == "cell" || key == "wifi"; }

/// Each key's value; a list key's values joined with ';'. Any other key repeated with another
/// value (as when a query string and a form body disagree) leaves no way to know which the
/// device meant.
std::map<std::string_view, std::string> distinct_fields(std::span<const std::pair<std::string, std::string>> fields)
{
  std::map<std::string_view, std::string> values;
  for (const auto& [key, value] : fields) {
    const auto [it, inserted] = values.emplace(key, value);
    if (inserted || it->second == value) continue;
    if (!is_list_key(key)) throw invalid_input(key, "sent twice with different values");
    it->second.append(";").append(value);
  }
  return values;
}

}  // namespace

position parse_osmand(std::span<const std::pair<std::string, std::string>> fields, time_point received)
{
  position fix;
  std::optional<time_point> time;
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<geo_point> location;

  for (const auto& [key, value] : distinct_fields(fields)) {
    if (value.empty()) continue;
    if (key == "id" || key == "deviceid") {
      if (!fix.device_id.empty() && fix.device_id != value) throw invalid_input("id", "id and deviceid differ");
      fix.device_id = value;
    } else if (key == "timestamp") {
      time = parse_timestamp(value, "timestamp");
    } else if (key == "lat") {
      lat = detail::parse_number(value, key);
    } else if (key == "lon") {
      lon = detail::parse_number(value, key);
    } else if (key == "location") {
      location = parse_location(value);
    } else if (key == "speed") {
      fix.speed_mps = detail::parse_number(value, key) * metres_per_second_per_knot;
    } else if (key == "bearing" || key == "heading") {
      fix.bearing_deg = detail::parse_number(value, key);
    } else if (key == "altitude") {
      fix.altitude_m = detail::parse_number(value, key);
    } else if (key == "accuracy") {
      fix.accuracy_m = detail::parse_number(value, key);
    } else if (key == "hdop") {
      fix.hdop = detail::parse_number(value, key);
    } else if (key == "odometer") {
      fix.odometer_m = detail::parse_number(value, key);
    } else if (key == "batt") {
      fix.battery = detail::parse_number(value, key) / 100.0;
    } else if (key == "valid") {
      fix.valid = parse_flag(value);
    } else {
      fix.attributes.emplace(key, value);
    }
  }

  if (fix.device_id.empty()) throw invalid_input("id", "is required (as id or deviceid)");
  if (location) {
    if ((lat && *lat != location->lat) || (lon && *lon != location->lon)) {
      throw invalid_input("location", "disagrees with lat and lon");
    }
    lat = location->lat;
    lon = location->lon;
  }
  if (!lat) throw invalid_input("lat", "is required (as lat and lon, or location=lat,lon)");
  if (!lon) throw invalid_input("lon", "is required (as lat and lon, or location=lat,lon)");
  fix.time = time.value_or(received);
  fix.time_estimated = !time;
  fix.lat = *lat;
  fix.lon = *lon;
  return fix;
}

}  // namespace pedalpower::telematics
