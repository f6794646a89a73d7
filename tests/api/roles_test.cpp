#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <future>

#include "auth_fixture.hpp"

using namespace auth_fixture;

namespace {

constexpr std::array<api::role, 5> every_role{api::role::coordinator, api::role::technician, api::role::reporter,
                                              api::role::kiosk, api::role::telematics};

/// The route's pattern with every `{name}` replaced by an id nothing has, so a walk changes nothing.
std::string concrete_path(const std::string& pattern)
{
  std::string path;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      path.push_back(pattern[i]);
      continue;
    }
    path += "999999";
    i = pattern.find('}', i);
  }
  return path;
}

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD"; }

/// Real credentials for every role, made through the app's own routes where there is one.
class credentials {
public:
  explicit credentials(const api::app& application) : application_(application)
  {
    for (const auto role : {"coordinator", "technician", "reporter"}) {
      application_.writer()
          .run([role](db::connection& db) {
            return domain::create_user(db, domain::actor{"test"}, 0, {std::string(role) + "-walker", "Walker", role},
                                       pedalpower::hash_secret(password, cheap))
                .value();
          })
          .get();
    }
    const auto devices = application_.writer()
                             .run([](db::connection& db) {
                               db.run("INSERT INTO sites(code, name, created_at) VALUES ('WALK', 'Walk', 0)");
                               const auto site = db.last_insert_rowid();
                               db.run("INSERT INTO staff(staff_number, name, pay_band, created_at, updated_at) "
                                      "VALUES ('W1', 'Walker', '3', 0, 0)");
                               domain::set_staff_pin(db, domain::actor{"test"}, 0, db.last_insert_rowid(),
                                                     pedalpower::hash_secret("2468", cheap));
                               const domain::actor who{"test"};
                               return std::pair{
                                   domain::register_device(db, who, 0, {"walk-kiosk", "kiosk", site}).value().token,
                                   domain::register_device(db, who, 0, {"walk-gateway", "telematics", std::nullopt})
                                       .value()
                                       .token};
                             })
                             .get();
    kiosk_token_ = devices.first;
    telematics_token_ = devices.second;
  }

  /// `req` as sent by `who`. People sign in and identify at the kiosk afresh each time, as a walk
  /// may include signing out and ending the identification.
  api::request as(api::role who, api::request req) const
  {
    switch (who) {
      case api::role::kiosk:
        req.headers.emplace_back("x-staff-token", fresh_staff_token());
        return with_bearer(std::move(req), kiosk_token_);
      case api::role::telematics: return with_bearer(std::move(req), telematics_token_);
      default: return fresh_browser(who).sign(std::move(req));
    }
  }

  api::response call(api::request req) const { return app_calls::dispatch(application_, std::move(req)); }

private:
  std::string fresh_staff_token() const
  {
    const auto identified = call(with_bearer(
        make_request("POST", "/api/v1/kiosk/identify", R"({"staff_number":"W1","pin":"2468"})"), kiosk_token_));
    REQUIRE(identified.status == 200);
    return nlohmann::json::parse(identified.body).at("staff_token").get<std::string>();
  }

  browser fresh_browser(api::role who) const
  {
    const auto username = std::string(api::to_string(who)) + "-walker";
    const auto answer = call(make_request("POST", "/api/v1/auth/login",
                                          nlohmann::json{{"username", username}, {"password", password}}.dump(),
                                          "application/json"));
    REQUIRE(answer.status == 200);
    return {app_calls::session_token(answer), nlohmann::json::parse(answer.body).at("csrf_token").get<std::string>()};
  }

  const api::app& application_;
  std::string kiosk_token_;
  std::string telematics_token_;
};

api::app_config config_for(const temp_database& file)
{
  api::app_config config;
  config.database.path = file.path();
  return config;
}

}  // namespace

TEST_CASE("every route refuses callers without credentials unless public, refuses roles it does not allow, and "
          "lets its own roles through")
{
  temp_database file;
  api::app application(config_for(file));
  const auto& routes = application.routes().routes();
  const auto has_login = std::any_of(routes.begin(), routes.end(), [](const api::route& r) {
    return r.method == "POST" && r.pattern == "/api/v1/auth/login";
  });
  REQUIRE(has_login);  // the app installs auth::access
  const credentials walker(application);

  for (const auto& route : routes) {
    if (route.roles.empty()) continue;
    const auto path = concrete_path(route.pattern);
    const auto body = changes_state(route.method) ? std::string("{}") : std::string();
    INFO(route.method << " " << route.pattern);

    const auto anonymous = walker.call(make_request(route.method, path, body));
    CHECK(anonymous.status == 401);

    for (const auto who : every_role) {
      INFO("as " << api::to_string(who));
      const bool allowed = std::find(route.roles.begin(), route.roles.end(), who) != route.roles.end();
      const auto answer = walker.call(walker.as(who, make_request(route.method, path, body)));
      INFO(answer.body);
      if (allowed) {
        CHECK(answer.status != 401);
        CHECK(answer.status != 403);
      } else {
        CHECK(answer.status == 403);
      }
    }
  }
}
