#include <catch2/catch.hpp>

#include "auth_fixture.hpp"

using namespace auth_fixture;

namespace {

api::request login(const std::string& username, const std::string& typed)
{
  return make_request("POST", "/api/v1/auth/login", nlohmann::json{{"username", username}, {"password", typed}}.dump(),
                      "application/json");
}

api::request me() { return make_request("GET", "/api/v1/auth/me"); }

/// `browser` signs out with `sign_out`: 204, the cookie cleared, and its session unknown afterwards.
void check_signs_out(const access_app& server, const browser& who, api::request sign_out)
{
  const auto answer = server.call(who.sign(std::move(sign_out)));
  REQUIRE(answer.status == 204);
  CHECK(header_of(answer, "Set-Cookie").value().find("Max-Age=0") != std::string::npos);
  CHECK(error_of(server.call(who.sign(me())))["code"] == "invalid_credentials");
}

std::int64_t last_seen(const access_app& server)
{
  return server.count("SELECT last_seen_at FROM user_sessions");
}

}  // namespace

TEST_CASE("signing in sets an HttpOnly SameSite=Strict session cookie and returns the user and a CSRF token")
{
  access_app server;
  server.add_user("cora", "coordinator");
  const auto answer = server.call(login("  Cora ", password));
  REQUIRE(answer.status == 200);
  const auto body = nlohmann::json::parse(answer.body);
  CHECK(body["user"]["username"] == "cora");
  CHECK(body["user"]["role"] == "coordinator");
  CHECK(body["csrf_token"].get<std::string>().size() == 43);
  const auto cookie = header_of(answer, "Set-Cookie").value();
  CHECK(cookie.rfind("pp_session=", 0) == 0);
  CHECK(cookie.find("; HttpOnly") != std::string::npos);
  CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("; Path=/") != std::string::npos);
  CHECK(cookie.find("; Max-Age=43200") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);
}

TEST_CASE("a session cookie is marked Secure when the sign-in came over TLS")
{
  access_app server;
  server.add_user("cora", "coordinator");
  auto req = login("cora", password);
  req.secure = true;
  const auto answer = server.call(req);
  REQUIRE(answer.status == 200);
  CHECK(header_of(answer, "Set-Cookie").value().find("; Secure") != std::string::npos);
}

TEST_CASE("the session token lives only in the cookie, the database keeps its digest")
{
  access_app server;
  server.add_user("cora", "coordinator");
  const auto browser = server.sign_in("cora");
  CHECK(server.count("SELECT count(*) FROM user_sessions WHERE token_hash = '" + pedalpower::token_digest(browser.cookie) +
                     "'") == 1);
  CHECK(server.count("SELECT count(*) FROM user_sessions WHERE token_hash = '" + browser.cookie + "'") == 0);
}

TEST_CASE("a wrong password is 401 and starts no session")
{
  access_app server;
  server.add_user("cora", "coordinator");
  const auto answer = server.call(login("cora", "not the password"));
  CHECK(status_and_code(answer) == "401 invalid_credentials");
  CHECK_FALSE(header_of(answer, "Set-Cookie"));
  CHECK(server.count("SELECT count(*) FROM user_sessions") == 0);
}

TEST_CASE("an unknown username is answered exactly as a wrong password")
{
  access_app server;
  server.add_user("cora", "coordinator");
  const auto wrong = server.call(login("cora", "not the password"));
  const auto unknown = server.call(login("nobody", "not the password"));
  CHECK(unknown.status == wrong.status);
  CHECK(unknown.body == wrong.body);
}

TEST_CASE("a sign-in with missing fields or broken JSON changes nothing")
{
  access_app server;
  const auto missing = server.call(make_request("POST", "/api/v1/auth/login", R"({"username":"cora"})", "application/json"));
  CHECK(status_and_field(missing) == "422 password");
  CHECK(server.call(make_request("POST", "/api/v1/auth/login", "{nope", "application/json")).status == 400);
  CHECK(server.count("SELECT count(*) FROM user_sessions") == 0);
}

api::request login_from(const std::string& address, const std::string& username, const std::string& typed)
{
  auto req = login(username, typed);
  req.remote_address = address;
  return req;
}

TEST_CASE("repeated failed sign-ins from one address are answered 429 with Retry-After, even with the right password")
{
  access_app server;
  server.add_user("cora", "coordinator");
  int refused = 0;
  for (int i = 0; i < 10; ++i) {
    const auto status = server.call(login("cora", "guess " + std::to_string(i))).status;
    REQUIRE((status == 401 || status == 429));
    refused += status == 429;
  }
  CHECK(refused > 0);
  const auto blocked = server.call(login("cora", password));
  CHECK(status_and_code(blocked) == "429 too_many_attempts");
  CHECK(error_of(blocked)["retry_after_seconds"].get<int>() > 0);
  CHECK(std::stoi(header_of(blocked, "Retry-After").value()) > 0);
}

TEST_CASE("wrong passwords from many addresses do not keep the owner out from a fresh one, and are audited")
{
  access_app server;
  const auto cora = server.add_user("cora", "coordinator");
  for (int i = 0; i < 40; ++i) {
    server.call(login_from("198.51.100." + std::to_string(i % 8), "cora", "guess " + std::to_string(i)));
  }
  CHECK(server.call(login_from("198.51.100.1", "cora", password)).status == 429);
  CHECK(server.call(login_from("203.0.113.7", "cora", password)).status == 200);
  server.on_writer([](db::connection&) {});
  CHECK(server.count("SELECT count(*) FROM audit_log WHERE action = 'sign_in_throttled' AND entity = 'user' "
                     "AND entity_id = '" + std::to_string(cora.id) + "'") >= 1);
  CHECK(server.count("SELECT count(*) FROM audit_log WHERE action = 'sign_in_throttled' "
                     "AND json_extract(after, '$.reason') = 'many_failures'") == 1);
}

TEST_CASE("a sign-in sent as a form or as text/plain is refused 415, so another site cannot sign a browser in")
{
  access_app server;
  server.add_user("cora", "coordinator");
  const auto body = nlohmann::json{{"username", "cora"}, {"password", password}}.dump();
  for (const auto* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""}) {
    const auto answer = server.call(make_request("POST", "/api/v1/auth/login", body, type));
    CHECK(status_and_field(answer) == "415 Content-Type");
  }
  CHECK(server.count("SELECT count(*) FROM user_sessions") == 0);
  CHECK(server.call(make_request("POST", "/api/v1/auth/login", body, "Application/JSON; charset=utf-8")).status == 200);
}

TEST_CASE("me describes the signed-in user and repeats the CSRF token")
{
  access_app server;
  const auto browser = server.signed_in_as("reporter");
  const auto answer = server.call(browser.sign(me(), false));
  REQUIRE(answer.status == 200);
  const auto body = nlohmann::json::parse(answer.body);
  CHECK(body["kind"] == "user");
  CHECK(body["user"]["role"] == "reporter");
  CHECK(body["csrf_token"] == browser.csrf_token);
}

TEST_CASE("without credentials me is 401, and with a made-up cookie it is invalid credentials")
{
  access_app server;
  CHECK(error_of(server.call(me()))["code"] == "unauthenticated");
  const browser stranger{"made-up", "x"};
  const auto answer = server.call(stranger.sign(me()));
  CHECK(status_and_code(answer) == "401 invalid_credentials");
}

TEST_CASE("a cookie-authenticated change without the CSRF token is refused and changes nothing")
{
  access_app server;
  const auto browser = server.signed_in_as("coordinator");
  const auto body = R"({"name":"gateway-1","role":"telematics"})";
  const auto refused = server.call(browser.sign(make_request("POST", "/api/v1/devices", body), false));
  CHECK(status_and_code(refused) == "403 csrf_failed");
  auto forged = browser.sign(make_request("POST", "/api/v1/devices", body), false);
  forged.headers.emplace_back("x-csrf-token", "forged");
  CHECK(server.call(forged).status == 403);
  CHECK(server.count("SELECT count(*) FROM devices") == 0);
  CHECK(server.call(browser.sign(make_request("POST", "/api/v1/devices", body))).status == 201);
}

TEST_CASE("a JSON body sent as a form or plain text is refused with 415 and changes nothing")
{
  access_app server;
  const auto browser = server.signed_in_as("coordinator");
  const auto body = R"({"name":"gateway-1","role":"telematics"})";
  for (const std::string type : {"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
    INFO("Content-Type: " << type);
    const auto answer = server.call(browser.sign(make_request("POST", "/api/v1/devices", body, type)));
    CHECK(status_and_code(answer) == "415 unsupported_media_type");
    CHECK(error_of(answer)["field"] == "Content-Type");
  }
  const auto created = server.call(browser.sign(make_request("POST", "/api/v1/devices", body)));
  REQUIRE(created.status == 201);
  const auto device = nlohmann::json::parse(created.body).at("id").get<std::int64_t>();
  const auto rename = make_request("PATCH", "/api/v1/devices/" + std::to_string(device), R"({"name":"renamed"})",
                                   std::string("text/plain"));
  CHECK(status_and_code(server.call(browser.sign(rename))) == "415 unsupported_media_type");
  CHECK(server.count("SELECT count(*) FROM devices WHERE name = 'gateway-1'") == 1);
}

TEST_CASE("signing out ends the session and clears the cookie")
{
  access_app server;
  check_signs_out(server, server.signed_in_as("technician"), make_request("POST", "/api/v1/auth/logout"));
  CHECK(server.count("SELECT count(*) FROM audit_log WHERE action = 'sign_out'") == 1);
}

TEST_CASE("a sign-out's Idempotency-Key is not replayed: each session that signs out with it ends")
{
  access_app server;
  server.add_user("cora", "coordinator");
  const auto office = server.sign_in("cora");
  const auto ward = server.sign_in("cora");
  for (const auto& browser : {office, ward}) {
    auto sign_out = make_request("POST", "/api/v1/auth/logout");
    sign_out.headers.emplace_back("idempotency-key", "sign-out");
    check_signs_out(server, browser, std::move(sign_out));
  }
  CHECK(server.count("SELECT count(*) FROM idempotency_keys") == 0);
}

TEST_CASE("a session idle past the limit answers 401 session_expired")
{
  access_app server;
  const auto browser = server.signed_in_as("technician");
  server.on_writer([](db::connection& db) { db.run("UPDATE user_sessions SET last_seen_at = last_seen_at - 31 * 60"); });
  const auto answer = server.call(browser.sign(me()));
  CHECK(status_and_code(answer) == "401 session_expired");
}

TEST_CASE("a session past its absolute limit answers 401 session_expired however recently used")
{
  access_app server;
  const auto browser = server.signed_in_as("technician");
  server.on_writer([](db::connection& db) { db.run("UPDATE user_sessions SET expires_at = ?1", pedalpower::current_time()); });
  CHECK(error_of(server.call(browser.sign(me())))["code"] == "session_expired");
}

TEST_CASE("a request records the session's use only when the last record is over a minute old")
{
  access_app server;
  const auto browser = server.signed_in_as("technician");
  const auto signed_in_at = last_seen(server);
  REQUIRE(server.call(browser.sign(me())).status == 200);
  server.on_writer([](db::connection&) {});  // anything the request queued is committed after this
  CHECK(last_seen(server) == signed_in_at);

  server.on_writer([](db::connection& db) { db.run("UPDATE user_sessions SET last_seen_at = last_seen_at - 120"); });
  REQUIRE(server.call(browser.sign(me())).status == 200);
  server.on_writer([](db::connection&) {});
  CHECK(last_seen(server) >= signed_in_at);
}

TEST_CASE("a user changes their own password, keeping this session and ending the others")
{
  access_app server;
  server.add_user("tess", "technician");
  const auto here = server.sign_in("tess");
  const auto elsewhere = server.sign_in("tess");
  const auto change = [&](const std::string& current) {
    return server.call(here.sign(make_request(
        "POST", "/api/v1/auth/password",
        nlohmann::json{{"current_password", current}, {"new_password", "a brand new password"}}.dump())));
  };
  const auto refused = change("wrong");
  CHECK(status_and_code(refused) == "403 wrong_current_password");
  CHECK(error_of(refused)["field"] == "current_password");
  CHECK(server.call(here.sign(me())).status == 200);
  REQUIRE(change(password).status == 204);
  CHECK(server.call(here.sign(me())).status == 200);
  CHECK(server.call(elsewhere.sign(me())).status == 401);
  CHECK(server.call(login("tess", "a brand new password")).status == 200);
}

TEST_CASE("a new password that repeats itself, is common, holds the username or is the current one is refused")
{
  access_app server;
  server.add_user("tess", "technician");
  const auto here = server.sign_in("tess");
  const auto change = [&](const std::string& replacement) {
    return server.call(here.sign(make_request(
        "POST", "/api/v1/auth/password",
        nlohmann::json{{"current_password", password}, {"new_password", replacement}}.dump())));
  };
  const auto refused_code = [&](const std::string& replacement) {
    const auto answer = change(replacement);
    CHECK(status_and_field(answer) == "422 new_password");
    return error_of(answer)["code"].get<std::string>();
  };
  CHECK(refused_code(std::string(12, ' ')) == "password_too_repetitive");
  CHECK(refused_code(std::string(12, 'a')) == "password_too_repetitive");
  CHECK(refused_code("password1234") == "password_too_common");
  CHECK(refused_code("tess-rides-to-work") == "password_contains_username");
  CHECK(refused_code(password) == "password_reused");
  CHECK(server.call(login("tess", password)).status == 200);
}
