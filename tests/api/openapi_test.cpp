#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <future>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/request.hpp"
#include "temp_database.hpp"

// The OpenAPI document the server ships, checked against the routes its router really has: a route
// added without being documented, or documented with other roles, fails here.

namespace {

using namespace pedalpower;
using json = nlohmann::json;

const std::vector<std::string> operation_keys{"get", "put", "post", "delete", "patch", "head", "options", "trace"};

api::app_config config_for(const temp_database& file)
{
  api::app_config config;
  config.database.path = file.path();
  config.database.synchronous = db::synchronous_mode::off;
  return config;
}

api::response get(const api::app& application, const std::string& target)
{
  api::request req;
  req.method = "GET";
  req.target = target;
  api::parse_target(target, req.path, req.query);
  std::promise<api::response> answered;
  auto answer = answered.get_future();
  application.dispatch(std::move(req), [&answered](api::response r) { answered.set_value(std::move(r)); });
  return answer.get();
}

/// The app on a temp database and the document it serves to anyone.
struct documented_app {
  temp_database file;
  api::app application{config_for(file)};
  api::response served = get(application, "/api/v1/openapi.json");
  json document = json::parse(served.body);

  const json* operation(const api::route& route) const
  {
    const auto& paths = document.at("paths");
    const auto item = paths.find(route.pattern);
    if (item == paths.end()) return nullptr;
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto found = item->find(method);
    return found == item->end() ? nullptr : &*found;
  }

  /// `node`, or what its "$ref" points at within the document.
  const json& resolved(const json& node) const
  {
    if (!node.contains("$ref")) return node;
    return document.at(json::json_pointer(node.at("$ref").get<std::string>().substr(1)));
  }

  /// The names of the parameters `in` the path or the query that the path item and its operation
  /// declare; of path parameters only the required ones.
  std::vector<std::string> declared_parameters(const api::route& route, const std::string& in) const
  {
    std::vector<std::string> names;
    const auto collect = [&](const json& holder) {
      for (const auto& declared : holder.value("parameters", json::array())) {
        const auto& parameter = resolved(declared);
        if (parameter.at("in") != in || (in == "path" && !parameter.value("required", false))) continue;
        names.push_back(parameter.at("name").get<std::string>());
      }
    };
    collect(document.at("paths").at(route.pattern));
    collect(*operation(route));
    std::sort(names.begin(), names.end());
    return names;
  }
};

std::vector<std::string> role_names(const api::route& route)
{
  std::vector<std::string> names;
  for (const auto role : route.roles) names.emplace_back(api::to_string(role));
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> pattern_parameters(const std::string& pattern)
{
  std::vector<std::string> names;
  for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
    names.push_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool any_requirement_names(const json& security, const std::string& scheme)
{
  return std::any_of(security.begin(), security.end(), [&](const json& requirement) { return requirement.contains(scheme); });
}

void collect_references(const json& node, std::vector<std::string>& references)
{
  if (node.is_object()) {
    if (const auto ref = node.find("$ref"); ref != node.end() && ref->is_string()) references.push_back(ref->get<std::string>());
  }
  if (node.is_structured()) {
    for (const auto& child : node) collect_references(child, references);
  }
}

}  // namespace

TEST_CASE("the server serves its OpenAPI 3.1 document as JSON to anyone", "[openapi]")
{
  const documented_app app;
  CHECK(app.served.status == 200);
  CHECK(app.served.content_type == "application/json");
  CHECK(app.document.at("openapi") == "3.1.0");
}

TEST_CASE("every route the router knows is documented with exactly the roles it allows", "[openapi]")
{
  const documented_app app;
  REQUIRE_FALSE(app.application.routes().routes().empty());
  for (const auto& route : app.application.routes().routes()) {
    INFO(route.method << " " << route.pattern);
    const auto* operation = app.operation(route);
    REQUIRE(operation != nullptr);
    auto documented_roles = operation->at("x-roles").get<std::vector<std::string>>();
    std::sort(documented_roles.begin(), documented_roles.end());
    CHECK(documented_roles == role_names(route));
  }
}

TEST_CASE("every documented operation is a route the router knows", "[openapi]")
{
  const documented_app app;
  const auto& routes = app.application.routes().routes();
  for (const auto& path : app.document.at("paths").items()) {
    const auto& pattern = path.key();
    for (const auto& key : operation_keys) {
      if (!path.value().contains(key)) continue;
      std::string method = key;
      std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::toupper(c); });
      INFO(method << " " << pattern);
      CHECK(std::any_of(routes.begin(), routes.end(), [&](const api::route& route) {
        return route.method == method && route.pattern == pattern;
      }));
    }
  }
}

TEST_CASE("every path parameter of a route is declared, and no other", "[openapi]")
{
  const documented_app app;
  for (const auto& route : app.application.routes().routes()) {
    INFO(route.method << " " << route.pattern);
    REQUIRE(app.operation(route) != nullptr);
    CHECK(app.declared_parameters(route, "path") == pattern_parameters(route.pattern));
  }
}

TEST_CASE("every route takes the query parameters its operation lists, and only an open-query operation takes any",
          "[openapi]")
{
  const documented_app app;
  int open = 0;
  for (const auto& route : app.application.routes().routes()) {
    INFO(route.method << " " << route.pattern);
    REQUIRE(app.operation(route) != nullptr);
    if (app.operation(route)->value("x-open-query", false)) {
      CHECK_FALSE(route.query_names.has_value());
      ++open;
      continue;
    }
    REQUIRE(route.query_names.has_value());
    auto taken = *route.query_names;
    std::sort(taken.begin(), taken.end());
    CHECK(taken == app.declared_parameters(route, "query"));
  }
  CHECK(open == 11);  // two probes, the document, the OsmAnd protocol's two and the six GBFS feeds
}

TEST_CASE("a guarded operation names its credentials and answers 401 and 403, a public one needs none", "[openapi]")
{
  const documented_app app;
  for (const auto& route : app.application.routes().routes()) {
    INFO(route.method << " " << route.pattern);
    const auto* operation = app.operation(route);
    REQUIRE(operation != nullptr);
    const auto& security = operation->at("security");
    if (route.roles.empty()) {
      CHECK(security == json::array());
      continue;
    }
    const auto allows = [&](api::role wanted) {
      return std::find(route.roles.begin(), route.roles.end(), wanted) != route.roles.end();
    };
    const bool people = allows(api::role::coordinator) || allows(api::role::technician) || allows(api::role::reporter);
    const bool devices = allows(api::role::kiosk) || allows(api::role::telematics);
    CHECK(any_requirement_names(security, "session") == people);
    CHECK(any_requirement_names(security, "device") == devices);
    // A cookie session must also send its CSRF token on every change.
    CHECK(any_requirement_names(security, "csrf") == (people && route.method != "GET"));
    CHECK(operation->at("responses").contains("401"));
    CHECK(operation->at("responses").contains("403"));
  }
}

TEST_CASE("every reference in the OpenAPI document points at something it defines", "[openapi]")
{
  const documented_app app;
  std::vector<std::string> references;
  collect_references(app.document, references);
  REQUIRE_FALSE(references.empty());
  for (const auto& reference : references) {
    INFO(reference);
    REQUIRE(reference.starts_with("#/"));
    CHECK(app.document.contains(json::json_pointer(reference.substr(1))));
  }
}

TEST_CASE(
    "a route that answers as a file documents its CSV and XLSX and ODS answers and every route that answers with a "
    "body documents its 406",
    "[openapi]")
{
  const documented_app app;
  const std::vector<std::pair<std::string, std::string>> files{
      {".csv", "text/csv"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".ods", "application/vnd.oasis.opendocument.spreadsheet"}};
  std::size_t file_routes = 0;
  for (const auto& route : app.application.routes().routes()) {
    INFO(route.method << " " << route.pattern);
    const auto& responses = app.operation(route)->at("responses");
    const bool answers_files = std::find(route.endings.begin(), route.endings.end(), ".csv") != route.endings.end();
    CHECK(responses.contains("406") == (answers_files || !route.answer_types.empty()));
    if (!answers_files) continue;
    ++file_routes;
    const auto& content = app.resolved(responses.at("200")).at("content");
    CHECK(content.contains("application/json"));
    for (const auto& [ending, media_type] : files) {
      CHECK(std::find(route.endings.begin(), route.endings.end(), ending) != route.endings.end());
      CHECK(content.contains(media_type));
    }
    CHECK(app.resolved(responses.at("406")).at("description").get<std::string>().starts_with("not_acceptable"));
  }
  CHECK(file_routes >= 18);  // every exportable list and every report
}
