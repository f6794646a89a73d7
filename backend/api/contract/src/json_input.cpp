#include "pedalpower/api/json_input.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "pedalpower/api/error.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/core/text_fields.hpp"

namespace pedalpower::api {
namespace {

/// Deeper than any request needs. Reading or copying a document recurses once a level, so a body
/// nested many thousands deep would exhaust the stack; it is refused while it is parsed.
constexpr int deepest_body = 64;

struct nested_too_deep {};
struct repeated_key {
  std::string name;
};

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

bool listed(const std::vector<std::string>& names, const std::string& name)
{
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names)
{
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

/// A field the route does not take would be dropped unseen (a misspelt "payband" leaves the band as
/// it was and answers 200), and a null where a value is needed would read as absent.
void refuse_undocumented_fields(const nlohmann::json& body, const body_fields& fields)
{
  for (const auto& [name, value] : body.items()) {
    if (!listed(fields.names, name)) {
      const auto takes = fields.names.empty() ? std::string("it takes none") : "it takes " + joined(fields.names);
      throw error(problem_kind::invalid, "unknown_field", name + " is not a field of this request; " + takes, name);
    }
    if (value.is_null() && !listed(fields.nullable, name)) {
      throw error(problem_kind::invalid, "invalid_type", name + " may not be null; leave it out instead", name);
    }
  }
}

/// Parses `text`, refusing nesting past `deepest_body` and a name given twice in one object, which
/// parsers disagree on (the first or the last wins), so that what is checked is what is stored.
nlohmann::json parsed_body(const std::string& text)
{
  std::vector<std::vector<std::string>> names_by_level;
  try {
    return nlohmann::json::parse(
        text,
        [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          if (depth > deepest_body) throw nested_too_deep{};
          using event_t = nlohmann::json::parse_event_t;
          if (event == event_t::object_start) names_by_level.emplace_back();
          if (event == event_t::object_end && !names_by_level.empty()) names_by_level.pop_back();
          if (event == event_t::key && !names_by_level.empty()) {
            auto name = parsed.get<std::string>();
            auto& seen = names_by_level.back();
            if (listed(seen, name)) throw repeated_key{std::move(name)};
            seen.push_back(std::move(name));
          }
          return true;
        },
        false);
  } catch (const nested_too_deep&) {
    throw error(problem_kind::malformed, "malformed_json",
                "the request body nests arrays and objects deeper than " + std::to_string(deepest_body) + " levels");
  } catch (const repeated_key& repeated) {
    throw error(problem_kind::malformed, "malformed_json",
                "the request body gives " + repeated.name + " more than once in one object", repeated.name);
  }
}

}  // namespace

nlohmann::json json_body(const request& req)
{
  require_json_content_type(req);
  auto parsed = parsed_body(req.body);
  if (parsed.is_discarded()) throw error(problem_kind::malformed, "malformed_json", "the request body is not valid JSON");
  if (!parsed.is_object()) throw error(problem_kind::malformed, "malformed_json", "the request body must be a JSON object");
  if (req.documented_body) refuse_undocumented_fields(parsed, *req.documented_body);
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
