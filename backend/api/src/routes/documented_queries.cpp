#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "openapi_document.hpp"
#include "pedalpower/api/router.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

const nlohmann::json& resolved(const nlohmann::json& document, const nlohmann::json& parameter)
{
  if (!parameter.contains("$ref")) return parameter;
  return document.at(nlohmann::json::json_pointer(parameter.at("$ref").get<std::string>().substr(1)));
}

void add_query_names(const nlohmann::json& document, const nlohmann::json& holder, std::vector<std::string>& names)
{
  if (!holder.contains("parameters")) return;
  for (const auto& listed : holder.at("parameters")) {
    const auto& parameter = resolved(document, listed);
    if (parameter.at("in") == "query") names.push_back(parameter.at("name").get<std::string>());
  }
}

std::string upper(std::string text)
{
  for (auto& letter : text) letter = static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
  return text;
}

}  // namespace

void declare_documented_queries(router& routes)
{
  static const std::vector<std::string> methods{"get", "post", "put", "patch", "delete"};
  const auto document = nlohmann::json::parse(openapi_document());
  for (const auto& [pattern, path_item] : document.at("paths").items()) {
    for (const auto& method : methods) {
      if (!path_item.contains(method)) continue;
      const auto& operation = path_item.at(method);
      if (operation.value("x-open-query", false)) continue;
      std::vector<std::string> names;
      add_query_names(document, path_item, names);
      add_query_names(document, operation, names);
      routes.declare_query(upper(method), pattern, std::move(names));
    }
  }
}

}  // namespace pedalpower::api
