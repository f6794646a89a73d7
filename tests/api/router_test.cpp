#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <vector>

#include <nlohmann/json.hpp>

#include "answer_body.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"

using namespace pedalpower::api;
using pedalpower::problem_kind;

namespace {

request make_request(std::string method, std::string path)
{
  request req;
  req.method = std::move(method);
  req.target = path;
  req.path = std::move(path);
  return req;
}

response call(const router& routes, request req)
{
  response answer;
  answer.status = 0;
  routes.dispatch(std::move(req), [&](response r) { answer = std::move(r); });
  return answer;
}

router sample_routes()
{
  router routes;
  routes.add("GET", "/loans/{id}", {role::coordinator}, [](const request& req, responder respond) {
    respond(json_response({{"id", req.path_id("id")}, {"by", req.caller->name}}));
  });
  routes.add("GET", "/loans/overdue", {role::coordinator}, [](const request&, responder respond) {
    respond(json_response({{"overdue", true}}));
  });
  routes.add("POST", "/loans", {role::coordinator, role::kiosk}, [](const request&, responder respond) {
    respond(json_response({{"made", true}}, 201));
  });
  routes.add("GET", "/public", {}, [](const request&, responder) { throw error(problem_kind::invalid, "bad_thing", "no", "thing"); });
  routes.add("GET", "/broken", {}, [](const request&, responder) { throw std::runtime_error("disk on fire"); });
  // What reading a stored record that is not what it should be throws.
  routes.add("GET", "/stored-garbage", {}, [](const request&, responder) {
    (void)nlohmann::json::parse("{\"payload\": 1}").at("payload").get<std::string>();
  });
  routes.add("GET", "/bad-text", {}, [](const request&, responder respond) {
    respond(json_response({{"dumped", nlohmann::json("caf\xE9").dump()}}));
  });
  routes.set_authenticator([](const request& req) -> std::optional<principal> {
    const auto who = req.header("x-test-role");
    if (!who) return std::nullopt;
    if (*who == "expired") throw error(problem_kind::unauthenticated, "session_expired", "sign in again");
    principal caller{*role_from_string(*who), 7, "tester", std::nullopt, false, {}};
    if (req.header("x-test-cookie")) {
      caller.via_cookie = true;
      caller.csrf_token = "t0ken";
    }
    return caller;
  });
  return routes;
}

request as(std::string role_name, request req)
{
  req.headers.emplace_back("x-test-role", std::move(role_name));
  return req;
}

}  // namespace

TEST_CASE("a literal path segment wins over a parameter")
{
  const auto routes = sample_routes();
  const auto answer = call(routes, as("coordinator", make_request("GET", "/loans/overdue")));
  CHECK(answer.status == 200);
  CHECK(nlohmann::json::parse(answer.body).at("overdue") == true);
  const auto by_id = call(routes, as("coordinator", make_request("GET", "/loans/42")));
  CHECK(nlohmann::json::parse(by_id.body).at("id") == 42);
}

TEST_CASE("an unknown path is 404 and a known path with another method is 405 with Allow")
{
  const auto routes = sample_routes();
  const auto missing = call(routes, make_request("GET", "/nowhere"));
  CHECK(status_and_code(missing) == "404 not_found");

  const auto wrong = call(routes, make_request("DELETE", "/loans"));
  CHECK(wrong.status == 405);
  REQUIRE(wrong.headers.size() == 1);
  CHECK(wrong.headers[0] == std::pair<std::string, std::string>{"Allow", "POST"});
}

TEST_CASE("HEAD is answered as GET wherever GET is, and named beside it in Allow")
{
  const auto routes = sample_routes();
  const auto answer = call(routes, as("coordinator", make_request("HEAD", "/loans/7")));
  CHECK(answer.status == 200);
  CHECK(nlohmann::json::parse(answer.body).at("id") == 7);
  CHECK(call(routes, make_request("HEAD", "/loans/7")).status == 401);  // the same guard as GET

  const auto posted_only = call(routes, make_request("HEAD", "/loans"));
  CHECK(posted_only.status == 405);
  CHECK(error_of(posted_only).at("message") == "HEAD is not allowed here; use POST");
  const auto read_only = call(routes, make_request("PUT", "/loans/7"));
  REQUIRE(read_only.headers.size() == 1);
  CHECK(read_only.headers[0] == std::pair<std::string, std::string>{"Allow", "GET, HEAD"});
}

TEST_CASE("a protected route needs credentials, then the right role")
{
  const auto routes = sample_routes();
  CHECK(call(routes, make_request("POST", "/loans")).status == 401);
  CHECK(call(routes, as("reporter", make_request("POST", "/loans"))).status == 403);
  CHECK(call(routes, as("kiosk", make_request("POST", "/loans"))).status == 201);
  const auto expired = call(routes, as("expired", make_request("POST", "/loans")));
  CHECK(status_and_code(expired) == "401 session_expired");
}

TEST_CASE("a cookie session must send its CSRF token to change anything")
{
  const auto routes = sample_routes();
  auto without = as("coordinator", make_request("POST", "/loans"));
  without.headers.emplace_back("x-test-cookie", "1");
  const auto refused = call(routes, without);
  CHECK(status_and_code(refused) == "403 csrf_failed");

  auto with = without;
  with.headers.emplace_back("x-csrf-token", "t0ken");
  CHECK(call(routes, with).status == 201);

  auto read = as("coordinator", make_request("GET", "/loans/3"));
  read.headers.emplace_back("x-test-cookie", "1");
  CHECK(call(routes, read).status == 200);
}

TEST_CASE("a path id that is not a positive number is 404")
{
  const auto routes = sample_routes();
  CHECK(call(routes, as("coordinator", make_request("GET", "/loans/abc"))).status == 404);
  CHECK(call(routes, as("coordinator", make_request("GET", "/loans/-1"))).status == 404);
  const auto huge = call(routes, as("coordinator", make_request("GET", "/loans/18446744073709551617")));
  CHECK(status_and_field(huge) == "404 id");
  CHECK(huge.body.find("-9") == std::string::npos);
}

TEST_CASE("exceptions from handlers become JSON errors")
{
  const auto routes = sample_routes();
  const auto invalid = call(routes, make_request("GET", "/public"));
  CHECK(status_and_field(invalid) == "422 thing");
  const auto broken = call(routes, make_request("GET", "/broken"));
  CHECK(status_and_code(broken) == "500 internal");
  CHECK(broken.body.find("disk on fire") == std::string::npos);
  const auto library_fault = call(routes, make_request("GET", "/bad-text"));
  CHECK(library_fault.status >= 400);
  CHECK(library_fault.body.find("json.exception") == std::string::npos);
  CHECK(library_fault.body.find("UTF-8") == std::string::npos);
}

TEST_CASE("a JSON fault that is not in the request is the server's: 500 with no internal text")
{
  const auto routes = sample_routes();
  const auto garbage = call(routes, make_request("GET", "/stored-garbage"));
  CHECK(status_and_code(garbage) == "500 internal");
  CHECK(garbage.body.find("type_error") == std::string::npos);
  CHECK(garbage.body.find("string") == std::string::npos);
}

TEST_CASE("a target splits into a decoded path and query")
{
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  REQUIRE(parse_target("/api/v1/staff%20list?band=8a&name=Ann+Lee&x=%2F", path, query));
  CHECK(path == "/api/v1/staff list");
  REQUIRE(query.size() == 3);
  CHECK(query[1] == std::pair<std::string, std::string>{"name", "Ann Lee"});
  CHECK(query[2].second == "/");
  CHECK_FALSE(parse_target("no-slash", path, query));
  CHECK_FALSE(parse_target("/bad%zz", path, query));
  CHECK_FALSE(parse_target("/bad?x=%4", path, query));
}

TEST_CASE("a query value or name that is not UTF-8 text is refused with 422 naming it, after the caller is known")
{
  std::vector<std::string> seen;
  router routes = sample_routes();
  routes.add("GET", "/staff", {role::coordinator}, [&seen](const request& req, responder respond) {
    seen.push_back(std::string(req.query_param("q").value_or("")));
    respond(json_response({{"data", nlohmann::json::array()}}));
  });
  const auto asking = [&](const std::string& target) {
    auto req = make_request("GET", "/staff");
    REQUIRE(parse_target(target, req.path, req.query));
    return req;
  };
  CHECK(call(routes, asking("/staff?q=%00")).status == 401);
  for (const auto* target : {"/staff?q=a%00b", "/staff?q=%FF", "/staff?q=%C3", "/staff?q=%E2%80%AE"}) {
    INFO(target);
    const auto refused = call(routes, as("coordinator", asking(target)));
    CHECK(status_and_code(refused) == "422 invalid_text");
    CHECK(error_of(refused)["field"] == "q");
  }
  CHECK(error_of(call(routes, as("coordinator", asking("/staff?%00=1"))))["field"] == "query");
  CHECK(seen.empty());
  CHECK(call(routes, as("coordinator", asking("/staff?q=Zo%C3%AB%09Lee"))).status == 200);
  CHECK(seen == std::vector<std::string>{"Zo\xC3\xAB\tLee"});
}

TEST_CASE(
    "a route that declares its query refuses another name or a repeated one, naming it, after the caller is known")
{
  std::vector<std::string> seen;
  router routes = sample_routes();
  routes.add("GET", "/staff", {role::coordinator}, [&seen](const request& req, responder respond) {
    seen.push_back(std::string(req.query_param("site_id").value_or("")));
    respond(json_response({{"data", nlohmann::json::array()}}));
  });
  routes.add("GET", "/loose", {role::coordinator},
             [](const request&, responder respond) { respond(json_response({})); });
  routes.declare_query("GET", "/staff", {"q", "site_id"});
  const auto asking = [&](const std::string& target) {
    auto req = make_request("GET", "/staff");
    REQUIRE(parse_target(target, req.path, req.query));
    return req;
  };
  CHECK(call(routes, asking("/staff?home_site_id=1")).status == 401);

  const auto misspelt = call(routes, as("coordinator", asking("/staff?q=Lee&home_site_id=1")));
  CHECK(status_and_code(misspelt) == "422 unknown_parameter");
  CHECK(error_of(misspelt)["field"] == "home_site_id");
  CHECK_THAT(error_of(misspelt)["message"].get<std::string>(), Catch::Contains("it takes q, site_id"));

  const auto twice = call(routes, as("coordinator", asking("/staff?site_id=1&q=a&site_id=2")));
  CHECK(status_and_code(twice) == "422 repeated_parameter");
  CHECK(error_of(twice)["field"] == "site_id");
  const auto nameless = call(routes, as("coordinator", asking("/staff?=Lee")));
  CHECK(status_and_code(nameless) == "422 unknown_parameter");
  CHECK(error_of(nameless)["message"] == "a query parameter has no name");
  CHECK(seen.empty());

  CHECK(call(routes, as("coordinator", asking("/staff?site_id=3&q=Lee"))).status == 200);
  CHECK(seen == std::vector<std::string>{"3"});
  CHECK(call(routes, as("coordinator", asking("/loose?anything=1&anything=2"))).status == 200);

  routes.declare_query("GET", "/loose", {});
  const auto none = call(routes, as("coordinator", asking("/loose?anything=1")));
  CHECK(status_and_code(none) == "422 unknown_parameter");
  CHECK_THAT(error_of(none)["message"].get<std::string>(), Catch::Contains("it takes no query parameters"));
  CHECK_THROWS_AS(routes.declare_query("GET", "/nowhere", {}), std::invalid_argument);
}

TEST_CASE("a handler reading a query parameter its route does not declare is a server fault at its first call")
{
  router routes;
  const auto reading = [](std::string name) {
    return [name](const request& req, responder respond) {
      respond(json_response({{"value", std::string(req.query_param(name).value_or("none"))}}));
    };
  };
  routes.add("GET", "/staff", {}, reading("site_id"));
  routes.add("GET", "/bikes", {}, reading("home_site_id"));
  routes.add("GET", "/loose", {}, reading("anything"));
  routes.declare_query("GET", "/staff", {"q", "site_id"});
  routes.declare_query("GET", "/bikes", {"q", "site_id"});

  CHECK(call(routes, make_request("GET", "/staff")).body == R"({"value":"none"})");
  CHECK(call(routes, make_request("GET", "/loose")).status == 200);
  // Asked without the parameter at all: the read itself is the fault, so any call of the route shows it.
  const auto undeclared = call(routes, make_request("GET", "/bikes"));
  CHECK(status_and_code(undeclared) == "500 internal");
  CHECK_THAT(undeclared.body, !Catch::Contains("home_site_id"));
}

TEST_CASE("a route that declares its body refuses another field or a null where none is allowed and changes nothing")
{
  std::vector<nlohmann::json> taken;
  router routes;
  routes.add("PATCH", "/staff/{id}", {}, [&taken](const request& req, responder respond) {
    taken.push_back(json_body(req));
    respond(json_response({}));
  });
  routes.add("POST", "/loose", {}, [&taken](const request& req, responder respond) {
    taken.push_back(json_body(req));
    respond(json_response({}));
  });
  routes.declare_body("PATCH", "/staff/{id}", {{"name", "pay_band", "home_site_id"}, {"home_site_id"}});
  const auto patch = [&](std::string path, std::string body) {
    auto req = make_request("PATCH", std::move(path));
    req.headers.emplace_back("content-type", "application/json");
    req.body = std::move(body);
    return call(routes, std::move(req));
  };

  const auto misspelt = patch("/staff/1", R"({"name":"Ann","payband":"2"})");
  CHECK(status_and_code(misspelt) == "422 unknown_field");
  CHECK(error_of(misspelt)["field"] == "payband");
  CHECK_THAT(error_of(misspelt)["message"].get<std::string>(),
             Catch::Contains("it takes name, pay_band, home_site_id"));
  const auto null_band = patch("/staff/1", R"({"pay_band":null})");
  CHECK(status_and_code(null_band) == "422 invalid_type");
  CHECK(error_of(null_band)["field"] == "pay_band");
  CHECK(taken.empty());

  CHECK(patch("/staff/1", R"({"name":"Ann","home_site_id":null})").status == 200);
  REQUIRE(taken.size() == 1);
  CHECK(taken.front()["home_site_id"].is_null());

  auto loose = make_request("POST", "/loose");
  loose.headers.emplace_back("content-type", "application/json");
  loose.body = R"({"anything":null})";
  CHECK(call(routes, loose).status == 200);
  CHECK_THROWS_AS(routes.declare_body("PUT", "/staff/{id}", {}), std::invalid_argument);
}

TEST_CASE("a name given twice in one JSON object is malformed at any depth since readers disagree on which counts")
{
  int runs = 0;
  router routes;
  routes.add("POST", "/things", {}, [&runs](const request& req, responder respond) {
    (void)json_body(req);
    ++runs;
    respond(json_response({}));
  });
  const auto post = [&](std::string body) {
    auto req = make_request("POST", "/things");
    req.headers.emplace_back("content-type", "application/json");
    req.body = std::move(body);
    return call(routes, std::move(req));
  };
  const auto top = post(R"({"role":"reporter","name":"x","role":"coordinator"})");
  CHECK(status_and_code(top) == "400 malformed_json");
  CHECK(error_of(top)["field"] == "role");
  CHECK(status_and_code(post(R"({"fault":{"safety":false,"note":"","safety":true}})")) == "400 malformed_json");
  CHECK(runs == 0);
  // The same name in two objects, or side by side in an array's objects, is two fields.
  CHECK(post(R"({"a":{"id":1},"b":{"id":2},"list":[{"id":1},{"id":2}]})").status == 200);
  CHECK(runs == 1);
}

TEST_CASE("an Accept that welcomes none of a route's answer types is 406 before the route runs")
{
  int runs = 0;
  router routes;
  routes.add("POST", "/loans", {}, [&runs](const request&, responder respond) {
    ++runs;
    respond(json_response({{"made", true}}, 201));
  });
  routes.add("DELETE", "/loans/{id}", {}, [&runs](const request&, responder respond) {
    ++runs;
    respond(no_content());
  });
  routes.declare_answers("POST", "/loans", {"application/json"});
  routes.declare_answers("DELETE", "/loans/{id}", {});
  const auto asking = [&](std::string method, std::string path, std::string accept) {
    auto req = make_request(std::move(method), std::move(path));
    if (!accept.empty()) req.headers.emplace_back("accept", std::move(accept));
    return call(routes, std::move(req));
  };
  const auto refused = asking("POST", "/loans", "text/csv, text/html;q=0.9");
  CHECK(status_and_code(refused) == "406 not_acceptable");
  CHECK(error_of(refused)["field"] == "Accept");
  CHECK(error_of(refused)["message"] == "this answer comes as application/json");
  CHECK(asking("POST", "/loans", "application/json;q=0").status == 406);
  CHECK(runs == 0);
  for (const auto* welcoming : {"", "*/*", "application/*", "text/html, */*;q=0.1", "APPLICATION/JSON"}) {
    CAPTURE(welcoming);
    CHECK(asking("POST", "/loans", welcoming).status == 201);
  }
  CHECK(asking("DELETE", "/loans/3", "text/csv").status == 204);
  CHECK(runs == 6);
}

TEST_CASE("a route marked slow is handed to the slow lane, and answered 503 with Retry-After when the lane is full")
{
  router routes;
  routes.add("GET", "/report", {}, [](const request&, responder respond) { respond(json_response({{"ok", true}})); });
  routes.add("GET", "/bikes", {}, [](const request&, responder respond) { respond(json_response({{"ok", true}})); });
  routes.mark_slow("GET", "/report");
  std::vector<std::function<void()>> handed_over;
  bool lane_full = false;
  routes.set_slow_lane([&](std::function<void()> job) {
    if (lane_full) return false;
    handed_over.push_back(std::move(job));
    return true;
  });

  response answer;
  answer.status = 0;
  routes.dispatch(make_request("GET", "/report"), [&](response r) { answer = std::move(r); });
  CHECK(answer.status == 0);  // not run on the caller's thread
  REQUIRE(handed_over.size() == 1);
  handed_over.front()();
  CHECK(answer.status == 200);

  CHECK(call(routes, make_request("GET", "/bikes")).status == 200);  // fast routes never touch the lane
  CHECK(handed_over.size() == 1);

  lane_full = true;
  const auto refused = call(routes, make_request("GET", "/report"));
  CHECK(status_and_code(refused) == "503 busy");
  const auto retry = std::find_if(refused.headers.begin(), refused.headers.end(),
                                  [](const auto& header) { return header.first == "Retry-After"; });
  REQUIRE(retry != refused.headers.end());
  CHECK(retry->second == "2");
}

TEST_CASE("marking a route slow that is not registered is refused")
{
  router routes;
  routes.add("GET", "/report", {}, [](const request&, responder respond) { respond(json_response({})); });
  CHECK_THROWS_AS(routes.mark_slow("POST", "/report"), std::invalid_argument);
  CHECK_THROWS_AS(routes.mark_slow("GET", "/reports"), std::invalid_argument);
}
