#include "pedalpower/telematics/traccar_json.hpp"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/timestamp.hpp"

namespace pedalpower::telematics {

namespace {

using json = nlohmann::json;

/// Deeper than any device sends. Reading or copying a document recurses once a level, so a body
/// nested many thousands deep would exhaust the stack; it is refused while it is parsed.
constexpr int deepest_document = 32;

struct nested_too_deep {};

json parsed_document(std::string_view body)
{
  try {
    return json::parse(
        body,
        [](int depth, json::parse_event_t, json&) {
          if (depth > deepest_document) throw nested_too_deep{};
          return true;
        },
        false);
  } catch (const nested_too_deep&) {
    throw invalid_input("body", "nests arrays and objects too deep");
  }
}

std::string path_of(const std::string& parent, std::string_view key)
{
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

const json* find_member(const json& object, std::string_view key)
{
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

const json& object_member(const json& object, std::string_view key, const std::string& parent)
{
  const auto* member = find_member(object, key);
  if (!member) throw invalid_input(path_of(parent, key), "is required");
  if (!member->is_object()) throw invalid_input(path_of(parent, key), "must be an object");
  return *member;
}

std::optional<double> optional_number(const json& object, std::string_view key, const std::string& parent)
{
  const auto* member = find_member(object, key);
  if (!member) return std::nullopt;
  if (!member->is_number()) throw invalid_input(path_of(parent, key), "must be a number");
  return member->get<double>();
}

double required_number(const json& object, std::string_view key, const std::string& parent)
{
  const auto value = optional_number(object, key, parent);
  if (!value) throw invalid_input(path_of(parent, key), "is required");
  return *value;
}

/// The location plugin behind Traccar Client reports -1 for a speed, heading or battery level it
/// does not know; that is absence, not a value.
std::optional<double> known(std::optional<double> value)
{
  return value && *value >= 0.0 ? value : std::nullopt;
}

/// Attributes are text; JSON strings keep their text, anything else its JSON spelling.
std::string attribute_text(const json& value)
{
  return value.is_string() ? value.get<std::string>() : value.dump();
}

void copy_attribute(const json& object, std::string_view key, std::string_view name, position& fix)
{
  if (const auto* member = find_member(object, key)) fix.attributes.emplace(name, attribute_text(*member));
}

std::string device_id(const json& body)
{
  const auto* member = find_member(body, "device_id");
  if (!member) throw invalid_input("device_id", "is required");
  if (member->is_string() && !member->get_ref<const std::string&>().empty()) return member->get<std::string>();
  if (member->is_number_integer()) return member->dump();
  throw invalid_input("device_id", "must be a non-empty string");
}

time_point location_time(const json& location)
{
  const auto* member = find_member(location, "timestamp");
  if (!member) throw invalid_input("location.timestamp", "is required");
  if (member->is_string()) return parse_timestamp(member->get_ref<const std::string&>(), "location.timestamp");
  if (member->is_number_unsigned()) return parse_timestamp(member->dump(), "location.timestamp");
  throw invalid_input("location.timestamp", "must be an ISO 8601 string");
}

}  // namespace

position parse_traccar_json(std::string_view body)
{
  const auto document = parsed_document(body);
  if (document.is_discarded()) throw invalid_input("body", "is not valid JSON");
  if (!document.is_object()) throw invalid_input("body", "must be a JSON object");

  position fix;
  fix.device_id = device_id(document);
  const auto& location = object_member(document, "location", "");
  fix.time = location_time(location);

  const auto& coords = object_member(location, "coords", "location");
  fix.lat = required_number(coords, "latitude", "location.coords");
  fix.lon = required_number(coords, "longitude", "location.coords");
  fix.accuracy_m = optional_number(coords, "accuracy", "location.coords");
  fix.speed_mps = known(optional_number(coords, "speed", "location.coords"));
  fix.bearing_deg = known(optional_number(coords, "heading", "location.coords"));
  fix.altitude_m = optional_number(coords, "altitude", "location.coords");
  fix.odometer_m = optional_number(location, "odometer", "location");

  if (const auto* battery = find_member(location, "battery")) {
    if (!battery->is_object()) throw invalid_input("location.battery", "must be an object");
    fix.battery = known(optional_number(*battery, "level", "location.battery"));
    copy_attribute(*battery, "is_charging", "is_charging", fix);
  }
  if (const auto* activity = find_member(location, "activity")) {
    if (!activity->is_object()) throw invalid_input("location.activity", "must be an object");
    copy_attribute(*activity, "type", "activity", fix);
  }
  copy_attribute(location, "is_moving", "is_moving", fix);
  copy_attribute(location, "event", "event", fix);
  if (const auto* extras = find_member(location, "extras")) {
    if (!extras->is_object()) throw invalid_input("location.extras", "must be an object");
    for (const auto& [key, value] : extras->items()) fix.attributes.emplace(key, attribute_text(value));
  }
  return fix;
}

}  // namespace pedalpower::telematics
