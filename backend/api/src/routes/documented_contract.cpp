#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "openapi_document.hpp"
#include "pedalpower/api/router.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

/// `item` itself, or what its "$ref" points to, followed until there is no "$ref".
const nlohmann::json& resolved(const nlohmann::json& document, const nlohmann::json& item)
{
  const nlohmann::json* found = &item;
  while (found->is_object() && found->contains("$ref")) {
    found = &document.at(nlohmann::json::json_pointer(found->at("$ref").get<std::string>().substr(1)));
  }
  return *found;
}

void add_query_names(const nlohmann::json& document, const nlohmann::json& holder, std::vector<std::string>& names)
{
  if (!holder.contains("parameters")) return;
  for (const auto& listed : holder.at("parameters")) {
    const auto& parameter = resolved(document, listed);
    if (parameter.at("in") == "query") names.push_back(parameter.at("name").get<std::string>());
  }
}

bool allows_null(const nlohmann::json& document, const nlohmann::json& property)
{
  const auto& schema = resolved(document, property);
  if (const auto type = schema.find("type"); type != schema.end()) {
    if (*type == "null") return true;
    if (type->is_array() && std::find(type->begin(), type->end(), "null") != type->end()) return true;
  }
  for (const auto* combiner : {"oneOf", "anyOf"}) {
    if (!schema.contains(combiner)) continue;
    for (const auto& choice : schema.at(combiner)) {
      if (allows_null(document, choice)) return true;
    }
  }
  return false;
}

/// The fields of a JSON request body, across each of its alternatives; nullopt when it takes any.
std::optional<body_fields> body_fields_of(const nlohmann::json& document, const nlohmann::json& operation)
{
  if (!operation.contains("requestBody")) return std::nullopt;
  const auto& content = resolved(document, operation.at("requestBody")).at("content");
  if (!content.contains("application/json")) return std::nullopt;
  const auto& schema = resolved(document, content.at("application/json").at("schema"));
  std::vector<const nlohmann::json*> alternatives;
  if (schema.contains("oneOf")) {
    for (const auto& choice : schema.at("oneOf")) alternatives.push_back(&resolved(document, choice));
  } else {
    alternatives.push_back(&schema);
  }
  body_fields fields;
  for (const auto* alternative : alternatives) {
    const auto extra = alternative->find("additionalProperties");
    if (extra != alternative->end() && *extra != false) return std::nullopt;
    if (!alternative->contains("properties")) continue;
    for (const auto& [name, property] : alternative->at("properties").items()) {
      if (std::find(fields.names.begin(), fields.names.end(), name) == fields.names.end()) fields.names.push_back(name);
      if (allows_null(document, property)) fields.nullable.push_back(name);
    }
  }
  return fields;
}

/// The media types of the operation's answers that have a body.
std::vector<std::string> answer_types_of(const nlohmann::json& document, const nlohmann::json& operation)
{
  std::vector<std::string> types;
  for (const auto& [status, listed] : operation.at("responses").items()) {
    if (status.empty() || status.front() != '2') continue;
    const auto& answer = resolved(document, listed);
    if (!answer.contains("content")) continue;
    for (const auto& [type, body] : answer.at("content").items()) {
      if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
    }
  }
  return types;
}

std::string upper(std::string text)
{
  for (auto& letter : text) letter = static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
  return text;
}

}  // namespace

void declare_documented_contract(router& routes)
{
  static const std::vector<std::string> methods{"get", "post", "put", "patch", "delete"};
  const auto document = nlohmann::json::parse(openapi_document());
  for (const auto& [pattern, path_item] : document.at("paths").items()) {
    for (const auto& method : methods) {
      if (!path_item.contains(method)) continue;
      const auto& operation = path_item.at(method);
      const auto asked = upper(method);
      if (auto fields = body_fields_of(document, operation)) routes.declare_body(asked, pattern, std::move(*fields));
      if (operation.value("x-open-query", false)) continue;
      std::vector<std::string> names;
      add_query_names(document, path_item, names);
      add_query_names(document, operation, names);
      routes.declare_query(asked, pattern, std::move(names));
      routes.declare_answers(asked, pattern, answer_types_of(document, operation));
    }
  }
}

}  // namespace pedalpower::api
