#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "pedalpower/kiosk/local_guard.hpp"

using namespace pedalpower;
using namespace pedalpower::kiosk;

namespace {

struct guarded_agent {
  local_guard guard;
  guarded_agent() { guard.listening_on("127.0.0.1", 8090); }

  /// A request as the kiosk's own page sends it; tests take parts away.
  api::request from_page(const std::string& method, const std::string& path) const
  {
    api::request req;
    req.method = method;
    req.path = path;
    req.headers = {{"host", "127.0.0.1:8090"}, {"x-kiosk-secret", guard.secret()}};
    if (method == "POST") {
      req.headers.emplace_back("origin", "http://127.0.0.1:8090");
      req.headers.emplace_back("content-type", "application/json");
    }
    return req;
  }

  std::string refusal_code(const api::request& req) const
  {
    const auto refused = guard.refusal(req);
    return refused ? nlohmann::json::parse(refused->body).at("error").at("code").get<std::string>() : "";
  }
};

api::request with_header(api::request req, const std::string& name, const std::string& value)
{
  std::erase_if(req.headers, [&](const auto& header) { return header.first == name; });
  if (!value.empty()) req.headers.emplace_back(name, value);
  return req;
}

}  // namespace

TEST_CASE("the kiosk's own page may use the local API")
{
  guarded_agent agent;
  CHECK_FALSE(agent.guard.refusal(agent.from_page("POST", "/local/return")));
  CHECK_FALSE(agent.guard.refusal(agent.from_page("GET", "/local/status")));
  CHECK_FALSE(agent.guard.refusal(with_header(agent.from_page("GET", "/local/status"), "host", "localhost:8090")));
}

TEST_CASE("a page from another origin cannot drive the local API")
{
  guarded_agent agent;
  const auto from_elsewhere = with_header(agent.from_page("POST", "/local/return"), "origin", "https://evil.example");
  CHECK(agent.refusal_code(from_elsewhere) == "cross_origin");
  CHECK(agent.guard.refusal(from_elsewhere)->status == 403);
  CHECK(agent.refusal_code(with_header(agent.from_page("POST", "/local/return"), "origin", "http://127.0.0.1:9999")) ==
        "cross_origin");
}

TEST_CASE("a request without the page's secret is refused, whoever sends it")
{
  guarded_agent agent;
  CHECK(agent.refusal_code(with_header(agent.from_page("POST", "/local/return"), "x-kiosk-secret", "")) ==
        "kiosk_secret_required");
  CHECK(agent.refusal_code(with_header(agent.from_page("GET", "/local/offer"), "x-kiosk-secret", "guess")) ==
        "kiosk_secret_required");
  local_guard another;
  CHECK(another.secret() != agent.guard.secret());
}

TEST_CASE("a name rebound to the kiosk's address is refused, even for the page itself")
{
  guarded_agent agent;
  const auto rebound = with_header(agent.from_page("GET", "/"), "host", "attacker.example:8090");
  CHECK(agent.refusal_code(rebound) == "wrong_host");
  CHECK(agent.refusal_code(with_header(agent.from_page("GET", "/"), "host", "")) == "wrong_host");
  CHECK_FALSE(agent.guard.refusal(with_header(agent.from_page("GET", "/"), "x-kiosk-secret", "")));
}

TEST_CASE("the local API takes only JSON: plain text and form bodies are refused")
{
  guarded_agent agent;
  for (const auto* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
    INFO(type);
    const auto refused = agent.guard.refusal(with_header(agent.from_page("POST", "/local/return"), "content-type", type));
    REQUIRE(refused);
    CHECK(refused->status == 415);
  }
  CHECK_FALSE(agent.guard.refusal(
      with_header(agent.from_page("POST", "/local/return"), "content-type", "application/json; charset=utf-8")));
}

TEST_CASE("the page the agent serves carries its secret")
{
  guarded_agent agent;
  api::response page;
  page.body = R"(<head><meta name="kiosk-secret" content=""></head>)";
  agent.guard.hand_secret_to(page);
  CHECK(page.body == R"(<head><meta name="kiosk-secret" content=")" + agent.guard.secret() + R"("></head>)");
}
