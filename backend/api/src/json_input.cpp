#include "pedalpower/api/json_input.hpp"

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/request.hpp"

namespace pedalpower::api {
namespace {

const nlohmann::json* present(const nlohmann::json& body, std::string_view field)
{
  const auto found = body.find(field);
  if (found == body.end() || found->is_null()) return nullptr;
  return &*found;
}

[[noreturn]] void wrong_type(std::string_view field, std::string_view expected)
{
  throw error(422, "invalid_type", std::string(field) + " must be " + std::string(expected), std::string(field));
}

[[noreturn]] void missing(std::string_view field)
{
  throw error(422, "required", std::string(field) + " is required", std::string(field));
}

}  // namespace

nlohmann::json json_body(const request& req)
{
  auto parsed = nlohmann::json::parse(req.body, nullptr, false);
  if (parsed.is_discarded()) throw error(400, "malformed_json", "the request body is not valid JSON");
  if (!parsed.is_object()) throw error(400, "malformed_json", "the request body must be a JSON object");
  return parsed;
}

std::optional<std::string> optional_string(const nlohmann::json& body, std::string_view field)
{
  const auto* value = present(body, field);
  if (!value) return std::nullopt;
  if (!value->is_string()) wrong_type(field, "a string");
  return value->get<std::string>();
}

std::string required_string(const nlohmann::json& body, std::string_view field)
{
  auto value = optional_string(body, field);
  if (!value) missing(field);
  return *value;
}

std::optional<std::int64_t> optional_int(const nlohmann::json& body, std::string_view field)
{
  const auto* value = present(body, field);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) wrong_type(field, "a whole number");
  return value->get<std::int64_t>();
}

std::int64_t required_int(const nlohmann::json& body, std::string_view field)
{
  auto value = optional_int(body, field);
  if (!value) missing(field);
  return *value;
}

std::optional<double> optional_number(const nlohmann::json& body, std::string_view field)
{
  const auto* value = present(body, field);
  if (!value) return std::nullopt;
  if (!value->is_number()) wrong_type(field, "a number");
  return value->get<double>();
}

std::optional<bool> optional_bool(const nlohmann::json& body, std::string_view field)
{
  const auto* value = present(body, field);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) wrong_type(field, "true or false");
  return value->get<bool>();
}

}  // namespace pedalpower::api
