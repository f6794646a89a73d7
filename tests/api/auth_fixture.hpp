#pragma once

#include <catch2/catch.hpp>

#include <future>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "answer_body.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/auth/access.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/staff_pins.hpp"
#include "pedalpower/domain/users.hpp"
#include "app_calls.hpp"
#include "temp_database.hpp"

// An app on a temp database with the access routes installed on a router of their own, plus the
// people, devices and staff the access tests sign in as. Secrets seeded here use a cheap scrypt
// cost; the stored string names it, so the routes verify them quickly.
namespace auth_fixture {

using namespace pedalpower;

inline constexpr pedalpower::scrypt_cost cheap{1024, 8, 1};
inline constexpr char password[] = "correct horse battery";

using app_calls::make_request;

inline std::optional<std::string> header_of(const api::response& answer, std::string_view name)
{
  for (const auto& [key, value] : answer.headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

/// A signed-in browser: what it sends back with each request.
struct browser {
  std::string cookie;
  std::string csrf_token;

  api::request sign(api::request req, bool with_csrf = true) const
  {
    req.headers.emplace_back("cookie", "theme=dark; pp_session=" + cookie);
    if (with_csrf) req.headers.emplace_back("x-csrf-token", csrf_token);
    return req;
  }
};

inline api::request with_bearer(api::request req, const std::string& token)
{
  req.headers.emplace_back("authorization", "Bearer " + token);
  return req;
}

class access_app {
public:
  access_app() : application_(app_calls::test_config(file_.path())), gate_(application_) { gate_.install(routes_); }

  const api::app& application() const { return application_; }
  const api::auth::access& gate() const { return gate_; }
  const api::router& routes() const { return routes_; }

  api::response call(api::request req) const { return app_calls::dispatch(routes_, std::move(req)); }

  template <typename Job>
  std::invoke_result_t<Job&, db::connection&> on_writer(Job job) const
  {
    return app_calls::on_writer(application_, std::move(job));
  }

  std::int64_t count(const std::string& sql) const { return app_calls::count(application_, sql); }

  domain::user add_user(const std::string& username, const std::string& role) const
  {
    return on_writer([&](db::connection& db) {
      return domain::create_user(db, domain::actor{"test"}, pedalpower::current_time(), {username, username, role},
                                 pedalpower::hash_secret(password, cheap))
          .value();
    });
  }

  browser sign_in(const std::string& username) const
  {
    const auto answer = call(make_request("POST", "/api/v1/auth/login",
                                          nlohmann::json{{"username", username}, {"password", password}}.dump(),
                                          "application/json"));
    REQUIRE(answer.status == 200);
    return {app_calls::session_token(answer), nlohmann::json::parse(answer.body).at("csrf_token").get<std::string>()};
  }

  browser signed_in_as(const std::string& role) const
  {
    add_user(role + "-user", role);
    return sign_in(role + "-user");
  }

  std::int64_t add_site(const std::string& code) const
  {
    return on_writer([&](db::connection& db) {
      db.run("INSERT INTO sites(code, name, created_at) VALUES (?1, ?1, 0)", code);
      return db.last_insert_rowid();
    });
  }

  domain::issued_device add_device(const std::string& name, const std::string& role,
                                   std::optional<std::int64_t> site_id) const
  {
    return on_writer([&](db::connection& db) {
      return domain::register_device(db, domain::actor{"test"}, pedalpower::current_time(), {name, role, site_id}).value();
    });
  }

  std::int64_t add_staff(const std::string& staff_number, const std::optional<std::string>& pin) const
  {
    return on_writer([&](db::connection& db) {
      db.run("INSERT INTO staff(staff_number, name, pay_band, department, created_at, updated_at) "
             "VALUES (?1, 'Sam Jones', '3', 'Estates', 0, 0)",
             staff_number);
      const auto id = db.last_insert_rowid();
      if (pin) domain::set_staff_pin(db, domain::actor{"test"}, 0, id, pedalpower::hash_secret(*pin, cheap));
      return id;
    });
  }

private:
  temp_database file_;
  api::app application_;
  api::router routes_;
  api::auth::access gate_;
};

}  // namespace auth_fixture
