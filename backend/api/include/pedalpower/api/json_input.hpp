#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pedalpower::api {

struct request;

/// The body as a JSON object; throws api::error 400 "malformed_json" if it is not one.
nlohmann::json json_body(const request& req);

/// Typed field readers: a missing required field or a wrong type throws api::error 422 naming the field.
std::string required_string(const nlohmann::json& body, std::string_view field);
std::optional<std::string> optional_string(const nlohmann::json& body, std::string_view field);
std::int64_t required_int(const nlohmann::json& body, std::string_view field);
std::optional<std::int64_t> optional_int(const nlohmann::json& body, std::string_view field);
std::optional<double> optional_number(const nlohmann::json& body, std::string_view field);
std::optional<bool> optional_bool(const nlohmann::json& body, std::string_view field);

}  // namespace pedalpower::api
