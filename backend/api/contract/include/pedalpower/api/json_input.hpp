#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pedalpower::api {

struct request;

/// The body as a JSON object; throws api::error 415 unless the request says it is application/json,
/// 400 "malformed_json" if it is not a JSON object or gives a name twice in one object, and, when the
/// route documents its body, 422 naming a field it does not take ("unknown_field") or a null where
/// the field may not be null.
nlohmann::json json_body(const request& req);
/// The body as a JSON object, or an empty object when there is none: for routes whose input is all
/// optional. A body that is sent must be a JSON object, sent as one (415 or 400 otherwise).
nlohmann::json optional_json_body(const request& req);
/// For a route that reads no input: a body sent anyway must still be a JSON object (415 or 400 otherwise),
/// so that a malformed request is never carried out as if it were well formed.
void refuse_malformed_body(const request& req);

/// Typed field readers: a missing required field, a wrong type, a number beyond 64 bits or text with
/// control characters throws api::error 422 naming the field.
std::string required_string(const nlohmann::json& body, std::string_view field);
std::optional<std::string> optional_string(const nlohmann::json& body, std::string_view field);
std::int64_t required_int(const nlohmann::json& body, std::string_view field);
std::optional<std::int64_t> optional_int(const nlohmann::json& body, std::string_view field);
std::optional<double> optional_number(const nlohmann::json& body, std::string_view field);
std::optional<bool> optional_bool(const nlohmann::json& body, std::string_view field);
/// `value` as a signed 64-bit whole number; throws api::error 422 naming `field` if it is not one.
std::int64_t whole_number(const nlohmann::json& value, std::string_view field);

}  // namespace pedalpower::api
