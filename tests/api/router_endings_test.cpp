#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/api/router.hpp"

// Routes that also answer at their path with a file ending (".csv", ".xlsx"), and requests put on
// the slow lane by what they ask for rather than by the route.

using namespace pedalpower::api;

namespace {

response call(const router& routes, const std::string& path, std::string accept = {})
{
  request req;
  req.method = "GET";
  req.target = path;
  req.path = path;
  if (!accept.empty()) req.headers.emplace_back("accept", std::move(accept));
  response answer;
  answer.status = 0;
  routes.dispatch(std::move(req), [&](response r) { answer = std::move(r); });
  return answer;
}

/// Answers the path it was asked at, and the id when the route has one.
router listing_routes(std::vector<std::string>& slow_runs)
{
  router routes;
  routes.add("GET", "/things", {}, [](const request& req, responder respond) {
    respond(json_response({{"path", req.path}}));
  });
  routes.add("GET", "/things/{id}", {}, [](const request& req, responder respond) {
    respond(json_response({{"id", req.path_param("id")}}));
  });
  routes.add_endings("GET", "/things", {".csv", ".xlsx"},
                     [](const request& req) { return req.path.ends_with(".csv") || req.header("accept") == "text/csv"; });
  routes.set_slow_lane([&slow_runs](std::function<void()> job) {
    slow_runs.emplace_back("slow");
    job();
    return true;
  });
  return routes;
}

}  // namespace

TEST_CASE("a route with endings answers at its path and at its path with each ending, and no other", "[router]")
{
  std::vector<std::string> slow_runs;
  const auto routes = listing_routes(slow_runs);
  CHECK(nlohmann::json::parse(call(routes, "/things").body).at("path") == "/things");
  CHECK(nlohmann::json::parse(call(routes, "/things.csv").body).at("path") == "/things.csv");
  CHECK(nlohmann::json::parse(call(routes, "/things.xlsx").body).at("path") == "/things.xlsx");
  CHECK(call(routes, "/things.pdf").status == 404);
  CHECK(call(routes, "/.csv").status == 404);
  // A route without endings still takes a dotted segment as its parameter, as it is.
  CHECK(nlohmann::json::parse(call(routes, "/things/7.csv").body).at("id") == "7.csv");
}

TEST_CASE("a request is put on the slow lane when the route's test says so, the rest run where they arrive", "[router]")
{
  std::vector<std::string> slow_runs;
  const auto routes = listing_routes(slow_runs);
  CHECK(call(routes, "/things").status == 200);
  CHECK(slow_runs.empty());
  CHECK(call(routes, "/things.csv").status == 200);
  CHECK(slow_runs.size() == 1);
  CHECK(call(routes, "/things", "text/csv").status == 200);
  CHECK(slow_runs.size() == 2);
  CHECK(call(routes, "/things.xlsx").status == 200);
  CHECK(slow_runs.size() == 2);
}

TEST_CASE("endings are refused for a route that is not registered", "[router]")
{
  router routes;
  CHECK_THROWS_AS(routes.add_endings("GET", "/nothing", {".csv"}), std::invalid_argument);
}
