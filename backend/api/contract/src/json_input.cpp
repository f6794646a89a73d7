#include "pedalpower/api/json_input.hpp"

#include <limits>
#include <string>

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::api {
namespace {

/// Deeper than any request needs. Reading or copying a document recurses once a level, so a body
/// nested many thousands deep would exhaust the stack; it is refused while it is parsed.
constexpr int deepest_body = 64;

struct nested_too_deep {};

const nlohmann::json* present(const nlohmann::json& body, std::string_view field)
{
  const auto found = body.find(field);
  if (found == body.end() || found->is_null()) return nullptr;
  return &*found;
}

[[noreturn]] void wrong_type(std::string_view field, std::string_view expected)
{
  throw error(problem_kind::invalid, "invalid_type", std::string(field) + " must be " + std::string(expected), std::string(field));
}

[[noreturn]] void missing(std::string_view field)
{
  throw error(problem_kind::invalid, "required", std::string(field) + " is required", std::string(field));
}

/// A browser sends a form or text/plain across sites without asking first; only a script of our own
/// origin can send JSON, so the media type backs the CSRF token up.
void require_json_content_type(const request& req)
{
  const auto header = req.header("content-type").value_or("");
  const auto media_type = pedalpower::lower_case(pedalpower::trimmed(header.substr(0, header.find(';'))));
  if (media_type != "application/json") {
    throw error(problem_kind::unsupported_media_type, "unsupported_media_type", "send the body as application/json",
                "Content-Type");
  }
}

}  // namespace

nlohmann::json json_body(const request& req)
{
  require_json_content_type(req);
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(
        req.body,
        [](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
          if (depth > deepest_body) throw nested_too_deep{};
          return true;
        },
        false);
  } catch (const nested_too_deep&) {
    throw error(problem_kind::malformed, "malformed_json",
                "the request body nests arrays and objects deeper than " + std::to_string(deepest_body) + " levels");
  }
  if (parsed.is_discarded()) throw error(problem_kind::malformed, "malformed_json", "the request body is not valid JSON");
  if (!parsed.is_object()) throw error(problem_kind::malformed, "malformed_json", "the request body must be a JSON object");
  return parsed;
}

nlohmann::json optional_json_body(const request& req)
{
  if (req.body.empty()) return nlohmann::json::object();
  return json_body(req);
}

void refuse_malformed_body(const request& req) { optional_json_body(req); }

std::optional<std::string> optional_string(const nlohmann::json& body, std::string_view field)
{
  const auto* value = present(body, field);
  if (!value) return std::nullopt;
  if (!value->is_string()) wrong_type(field, "a string");
  auto text = value->get<std::string>();
  if (const auto fault = pedalpower::text_fault(text)) {
    throw error(problem_kind::invalid, "invalid_text", std::string(field) + " " + std::string(*fault), std::string(field));
  }
  return text;
}

std::int64_t whole_number(const nlohmann::json& value, std::string_view field)
{
  if (!value.is_number_integer()) wrong_type(field, "a whole number");
  // Past 2^63 - 1 the parser keeps an unsigned number, which would wrap to a negative one.
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw error(problem_kind::invalid, "invalid", std::string(field) + " is too large", std::string(field));
  }
  return value.get<std::int64_t>();
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
  return whole_number(*value, field);
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
