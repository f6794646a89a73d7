#include <catch2/catch.hpp>

#include "auth_fixture.hpp"

using namespace auth_fixture;

namespace {

api::request me() { return make_request("GET", "/api/v1/auth/me"); }

}  // namespace

TEST_CASE("a coordinator registers a device and sees its token once, the token then works as a bearer token")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto site = server.add_site("BAS");
  const auto created = server.call(coordinator.sign(make_request(
      "POST", "/api/v1/devices", nlohmann::json{{"name", "kiosk-bas"}, {"role", "kiosk"}, {"site_id", site}}.dump())));
  REQUIRE(created.status == 201);
  const auto body = nlohmann::json::parse(created.body);
  const auto token = body["token"].get<std::string>();
  CHECK(body["role"] == "kiosk");

  const auto listed = server.call(coordinator.sign(make_request("GET", "/api/v1/devices")));
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find(token) == std::string::npos);
  CHECK(nlohmann::json::parse(listed.body)["data"].size() == 1);

  const auto described = server.call(with_bearer(me(), token));
  REQUIRE(described.status == 200);
  const auto device = nlohmann::json::parse(described.body);
  CHECK(device["kind"] == "device");
  CHECK(device["device"]["name"] == "kiosk-bas");
  CHECK(server.count("SELECT count(*) FROM devices WHERE token_hash = '" + pedalpower::token_digest(token) + "'") == 1);
}

TEST_CASE("a device registration that breaks a rule is 422 and registers nothing")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto answer = server.call(coordinator.sign(
      make_request("POST", "/api/v1/devices", nlohmann::json{{"name", "kiosk-x"}, {"role", "kiosk"}}.dump())));
  CHECK(status_and_field(answer) == "422 site_id");
  CHECK(server.count("SELECT count(*) FROM devices") == 0);
}

TEST_CASE("a wrong bearer token is 401 invalid_credentials")
{
  access_app server;
  const auto answer = server.call(with_bearer(me(), "not-a-token"));
  CHECK(status_and_code(answer) == "401 invalid_credentials");
  auto basic = me();
  basic.headers.emplace_back("authorization", "Basic dXNlcjpwdw==");
  CHECK(error_of(server.call(basic))["code"] == "invalid_credentials");
}

TEST_CASE("rotating a device token stops the old one at once, even after it was cached")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto gateway = server.add_device("gateway-1", "telematics", std::nullopt);
  REQUIRE(server.call(with_bearer(me(), gateway.token)).status == 200);
  REQUIRE(server.call(with_bearer(me(), gateway.token)).status == 200);

  const auto rotated = server.call(coordinator.sign(make_request(
      "POST", "/api/v1/devices/" + std::to_string(gateway.registered.id) + "/rotate-token")));
  REQUIRE(rotated.status == 200);
  const auto fresh = nlohmann::json::parse(rotated.body)["token"].get<std::string>();
  CHECK(server.call(with_bearer(me(), gateway.token)).status == 401);
  CHECK(server.call(with_bearer(me(), fresh)).status == 200);
}

TEST_CASE("a deactivated device is refused at once, even after its token was cached")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto gateway = server.add_device("gateway-1", "telematics", std::nullopt);
  REQUIRE(server.call(with_bearer(me(), gateway.token)).status == 200);
  const auto answer = server.call(coordinator.sign(
      make_request("PATCH", "/api/v1/devices/" + std::to_string(gateway.registered.id), R"({"active":false})")));
  REQUIRE(answer.status == 200);
  CHECK(nlohmann::json::parse(answer.body)["active"] == false);
  CHECK(server.call(with_bearer(me(), gateway.token)).status == 401);

  const auto again = server.call(coordinator.sign(
      make_request("POST", "/api/v1/devices/" + std::to_string(gateway.registered.id) + "/rotate-token")));
  CHECK(status_and_code(again) == "409 device_inactive");
}

TEST_CASE("a device token is not kept in the replay table even when the request has an Idempotency-Key")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  auto req = coordinator.sign(
      make_request("POST", "/api/v1/devices", nlohmann::json{{"name", "gw"}, {"role", "telematics"}}.dump()));
  req.headers.emplace_back("idempotency-key", "register-gw");
  REQUIRE(server.call(req).status == 201);
  CHECK(server.count("SELECT count(*) FROM idempotency_keys") == 0);
}
