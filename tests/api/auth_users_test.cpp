#include <catch2/catch.hpp>

#include "auth_fixture.hpp"

using namespace auth_fixture;

TEST_CASE("a coordinator creates a user who can then sign in")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto created = server.call(coordinator.sign(make_request(
      "POST", "/api/v1/users",
      nlohmann::json{{"username", "tess"}, {"display_name", "Tess"}, {"role", "technician"}, {"password", "a bell on the handlebar"}}
          .dump())));
  REQUIRE(created.status == 201);
  const auto user = nlohmann::json::parse(created.body);
  CHECK(user["username"] == "tess");
  CHECK_FALSE(user.contains("password_hash"));
  CHECK(server.count("SELECT count(*) FROM users WHERE username = 'tess' AND password_hash LIKE 'scrypt$131072$%'") == 1);
  CHECK(server.call(make_request("POST", "/api/v1/auth/login",
                                 R"({"username":"tess","password":"a bell on the handlebar"})", "application/json"))
            .status == 200);
}

TEST_CASE("a user that breaks a rule is 422 before any hashing and nothing is stored")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto create = [&](const nlohmann::json& body) {
    return server.call(coordinator.sign(make_request("POST", "/api/v1/users", body.dump())));
  };
  const auto short_password =
      create({{"username", "tess"}, {"display_name", "Tess"}, {"role", "technician"}, {"password", "short"}});
  CHECK(status_and_field(short_password) == "422 password");
  const auto bad_role =
      create({{"username", "tess"}, {"display_name", "Tess"}, {"role", "kiosk"}, {"password", "long enough password"}});
  CHECK(error_of(bad_role)["field"] == "role");
  CHECK(server.count("SELECT count(*) FROM users") == 1);
}

TEST_CASE("a deactivated user's sessions end and the coordinator cannot deactivate themself")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto tess = server.add_user("tess", "technician");
  const auto tess_browser = server.sign_in("tess");
  const auto answer = server.call(coordinator.sign(
      make_request("PATCH", "/api/v1/users/" + std::to_string(tess.id), R"({"active":false})")));
  REQUIRE(answer.status == 200);
  CHECK(nlohmann::json::parse(answer.body)["active"] == false);
  CHECK(server.call(tess_browser.sign(make_request("GET", "/api/v1/auth/me"))).status == 401);

  const auto me = nlohmann::json::parse(server.call(coordinator.sign(make_request("GET", "/api/v1/auth/me"))).body);
  const auto self = server.call(coordinator.sign(
      make_request("PATCH", "/api/v1/users/" + std::to_string(me["user"]["id"].get<std::int64_t>()), R"({"active":false})")));
  CHECK(status_and_code(self) == "409 cannot_deactivate_self");
}

TEST_CASE("a coordinator changes a user's role, which takes effect at once, but not their own")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto ada = server.add_user("ada", "reporter");
  const auto ada_browser = server.sign_in("ada");
  const auto ada_path = "/api/v1/users/" + std::to_string(ada.id);
  const auto change = [&](const std::string& body) {
    return server.call(coordinator.sign(make_request("PATCH", ada_path, body)));
  };
  REQUIRE(change(R"({"report_packs":true,"email":"ada@example.nhs.uk"})").status == 200);
  CHECK(server.call(ada_browser.sign(make_request("GET", "/api/v1/users"))).status == 403);

  const auto promoted = change(R"({"role":"coordinator"})");
  REQUIRE(promoted.status == 200);
  CHECK(nlohmann::json::parse(promoted.body)["role"] == "coordinator");
  CHECK(nlohmann::json::parse(promoted.body)["report_packs"] == true);
  CHECK(server.call(ada_browser.sign(make_request("GET", "/api/v1/users"))).status == 200);

  const auto to_workshop = change(R"({"role":"technician"})");
  REQUIRE(to_workshop.status == 200);
  CHECK(nlohmann::json::parse(to_workshop.body)["report_packs"] == false);
  CHECK(server.call(ada_browser.sign(make_request("GET", "/api/v1/users"))).status == 403);
  CHECK(server.count("SELECT count(*) FROM audit_log WHERE entity = 'user' AND action = 'change_role' "
                     "AND json_extract(after, '$.role') = 'technician'") == 1);

  CHECK(status_and_field(change(R"({"role":"kiosk"})")) == "422 role");
  CHECK(status_and_field(change(R"({"role":"technician","report_packs":true})")) == "422 report_packs");
  CHECK(server.count("SELECT count(*) FROM users WHERE username = 'ada' AND role = 'technician'") == 1);

  const auto me = nlohmann::json::parse(server.call(coordinator.sign(make_request("GET", "/api/v1/auth/me"))).body);
  const auto mine = "/api/v1/users/" + std::to_string(me["user"]["id"].get<std::int64_t>());
  const auto demoted = server.call(coordinator.sign(make_request("PATCH", mine, R"({"role":"reporter"})")));
  CHECK(status_and_code(demoted) == "409 cannot_change_own_role");
  CHECK(status_and_field(server.call(coordinator.sign(make_request("PATCH", mine, R"({"role":"admin"})")))) ==
        "422 role");
  CHECK(server.call(coordinator.sign(make_request("PATCH", mine, R"({"role":"coordinator"})"))).status == 200);
  const auto own_password = server.call(
      coordinator.sign(make_request("PUT", mine + "/password", R"({"password":"without the current one"})")));
  CHECK(status_and_code(own_password) == "409 own_password");
}

TEST_CASE("a technician is given the site they serve and later every site")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto site = server.add_site("BAS");
  const auto tess = server.add_user("tess", "technician");
  const auto path = "/api/v1/users/" + std::to_string(tess.id);
  const auto change = [&](const std::string& body) {
    return server.call(coordinator.sign(make_request("PATCH", path, body)));
  };
  const auto placed = change(R"({"site_id":)" + std::to_string(site) + "}");
  REQUIRE(placed.status == 200);
  CHECK(nlohmann::json::parse(placed.body)["site_id"] == site);
  CHECK(status_and_field(change(R"({"site_id":999})")) == "422 site_id");
  CHECK(server.count("SELECT count(*) FROM users WHERE username = 'tess' AND site_id = " + std::to_string(site)) == 1);
  const auto everywhere = change(R"({"site_id":null})");
  REQUIRE(everywhere.status == 200);
  CHECK(nlohmann::json::parse(everywhere.body)["site_id"].is_null());
  CHECK(server.count("SELECT count(*) FROM users WHERE username = 'tess' AND site_id IS NULL") == 1);
}

TEST_CASE("creating a user is idempotent with the password masked in the replay table")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto create = [&](const std::string& username, const std::string& password) {
    auto req = coordinator.sign(make_request(
        "POST", "/api/v1/users",
        nlohmann::json{{"username", username}, {"display_name", "Tess"}, {"role", "technician"}, {"password", password}}
            .dump()));
    req.headers.emplace_back("idempotency-key", "new-user-1");
    return server.call(req);
  };
  const auto first = create("tess", "a bell on the handlebar");
  REQUIRE(first.status == 201);
  const auto again = create("tess", "a bell on the handlebar");
  CHECK(again.status == 201);
  CHECK(again.body == first.body);
  CHECK(status_and_code(create("tessa", "a bell on the handlebar")) == "409 idempotency_key_reused");
  CHECK(status_and_code(create("tess", "another password entirely")) == "409 idempotency_key_reused");
  CHECK(server.count("SELECT count(*) FROM users WHERE username LIKE 'tess%'") == 1);
  CHECK(server.count("SELECT count(*) FROM idempotency_keys WHERE key = 'new-user-1' AND status = 201") == 1);
  CHECK(server.count(
            "SELECT count(*) FROM idempotency_keys WHERE instr(response_body || request_hash, 'handlebar') > 0") == 0);
}

TEST_CASE("a new password sent again under the same Idempotency-Key is answered once, another one is refused")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto tess = server.add_user("tess", "technician");
  const auto set = [&](const std::string& password) {
    auto req = coordinator.sign(make_request("PUT", "/api/v1/users/" + std::to_string(tess.id) + "/password",
                                             nlohmann::json{{"password", password}}.dump()));
    req.headers.emplace_back("idempotency-key", "reset-tess-1");
    return server.call(req);
  };
  REQUIRE(set("a brand new saddle").status == 204);
  CHECK(set("a brand new saddle").status == 204);
  CHECK(status_and_code(set("a different saddle")) == "409 idempotency_key_reused");
  CHECK(server
            .call(make_request("POST", "/api/v1/auth/login", R"({"username":"tess","password":"a brand new saddle"})",
                               "application/json"))
            .status == 200);
}

TEST_CASE("a coordinator opts themself in to the report packs with an address, and a technician cannot be")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  const auto me = nlohmann::json::parse(server.call(coordinator.sign(make_request("GET", "/api/v1/auth/me"))).body);
  const auto mine = "/api/v1/users/" + std::to_string(me["user"]["id"].get<std::int64_t>());
  const auto opted = server.call(coordinator.sign(
      make_request("PATCH", mine, R"({"email":"lead@example.nhs.uk","report_packs":true})")));
  REQUIRE(opted.status == 200);
  CHECK(nlohmann::json::parse(opted.body)["report_packs"] == true);
  CHECK(nlohmann::json::parse(opted.body)["email"] == "lead@example.nhs.uk");
  CHECK(nlohmann::json::parse(opted.body)["active"] == true);
  CHECK(server.count("SELECT count(*) FROM users WHERE report_packs = 1 AND email = 'lead@example.nhs.uk'") == 1);

  const auto tess = server.add_user("tess", "technician");
  const auto refused = server.call(coordinator.sign(
      make_request("PATCH", "/api/v1/users/" + std::to_string(tess.id), R"({"report_packs":true,"active":false})")));
  CHECK(status_and_field(refused) == "422 report_packs");
  CHECK(server.count("SELECT count(*) FROM users WHERE username = 'tess' AND active = 1 AND report_packs = 0") == 1);
  const auto nothing = server.call(coordinator.sign(make_request("PATCH", "/api/v1/users/" + std::to_string(tess.id), "{}")));
  CHECK(nothing.status == 422);

  const auto author = server.call(coordinator.sign(make_request(
      "POST", "/api/v1/users",
      nlohmann::json{{"username", "ada"}, {"display_name", "Ada"}, {"role", "reporter"}, {"password", "figures are good for you"}}
          .dump())));
  REQUIRE(author.status == 201);
  CHECK(nlohmann::json::parse(author.body)["report_packs"] == true);
}

TEST_CASE("the user list shows accounts but no password hashes")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  server.add_user("tess", "technician");
  const auto listed = server.call(coordinator.sign(make_request("GET", "/api/v1/users")));
  REQUIRE(listed.status == 200);
  CHECK(nlohmann::json::parse(listed.body)["data"].size() == 2);
  CHECK(nlohmann::json::parse(listed.body)["total"] == 2);
  CHECK(listed.body.find("scrypt") == std::string::npos);
}

TEST_CASE("the audit log is read newest first, filtered by entity and paged")
{
  access_app server;
  const auto coordinator = server.signed_in_as("coordinator");
  for (const auto* name : {"gw-1", "gw-2", "gw-3"}) server.add_device(name, "telematics", std::nullopt);
  const auto read = [&](const std::string& query) {
    return server.call(coordinator.sign(make_request("GET", "/api/v1/audit" + query)));
  };

  const auto devices = nlohmann::json::parse(read("?entity=device&page_size=2").body);
  CHECK(devices["total"] == 3);
  REQUIRE(devices["data"].size() == 2);
  CHECK(devices["data"][0]["after"]["name"] == "gw-3");
  CHECK(devices["data"][1]["after"]["name"] == "gw-2");
  const auto rest = nlohmann::json::parse(read("?entity=device&page_size=2&page=2").body);
  REQUIRE(rest["data"].size() == 1);
  CHECK(rest["data"][0]["after"]["name"] == "gw-1");

  const auto one = nlohmann::json::parse(
      read("?entity=device&entity_id=" + devices["data"][0]["entity_id"].get<std::string>()).body);
  CHECK(one["data"].size() == 1);
  const auto oldest_first = nlohmann::json::parse(read("?entity=device&sort=at").body);
  CHECK(oldest_first["data"][0]["after"]["name"] == "gw-1");
  CHECK(nlohmann::json::parse(read("?action=register&actor=TES").body)["total"] == 3);

  const auto everything = nlohmann::json::parse(read("").body);
  CHECK(everything["data"].size() == 5);  // the coordinator's creation and sign-in, three devices

  CHECK(read("?page_size=0").status == 422);
  CHECK(error_of(read("?page_size=x"))["field"] == "page_size");
  CHECK(error_of(read("?from=yesterday"))["field"] == "from");
}
