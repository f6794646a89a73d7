#pragma once

#include <algorithm>

#include <catch2/catch.hpp>

#include <future>
#include <map>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "answer_body.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"
#include "app_calls.hpp"
#include "temp_database.hpp"

// The whole API app on a temp database, with a signed-in coordinator, technician and reporter, and
// kiosks on demand: requests go through the app's router as the HTTP layer sends them.
namespace fleet_api {

using namespace pedalpower;
using json = nlohmann::json;
using app_calls::make_request;

inline constexpr pedalpower::scrypt_cost cheap{1024, 8, 1};
inline constexpr char password[] = "correct horse battery";

class api_app {
public:
  api_app() : application_(app_calls::test_config(file_.path()))
  {
    for (const auto role : {api::role::coordinator, api::role::technician, api::role::reporter}) sign_in(role);
  }

  /// Sends `method target` with `body` as `who` would: a browser session with its CSRF token, or a
  /// kiosk's bearer token (see kiosk_at).
  api::response call(api::role who, const std::string& method, const std::string& target, const std::string& body = {},
                     const std::string& content_type = "application/json") const
  {
    auto req = make_request(method, target, body, content_type);
    if (who == api::role::kiosk || who == api::role::telematics) {
      req.headers.emplace_back("authorization", "Bearer " + device_token(who));
    } else {
      const auto& session = sessions_.at(who);
      req.headers.emplace_back("cookie", "pp_session=" + session.first);
      req.headers.emplace_back("x-csrf-token", session.second);
    }
    return dispatch(std::move(req));
  }

  /// As call(api::role::kiosk, ...), acting for the staff member its identification gave `staff_token`.
  api::response call_for_staff(const std::string& staff_token, const std::string& method, const std::string& target,
                               const std::string& body = {}, const std::string& idempotency_key = {}) const
  {
    auto req = make_request(method, target, body, body.empty() ? std::string() : "application/json");
    req.headers.emplace_back("authorization", "Bearer " + device_token(api::role::kiosk));
    req.headers.emplace_back("x-staff-token", staff_token);
    if (!idempotency_key.empty()) req.headers.emplace_back("idempotency-key", idempotency_key);
    return dispatch(std::move(req));
  }

  api::response anonymous(const std::string& method, const std::string& target) const
  {
    return dispatch(make_request(method, target, {}));
  }

  /// Makes the kiosk that `call(api::role::kiosk, ...)` speaks as stand at `site_id`.
  void kiosk_at(std::int64_t site_id)
  {
    tokens_[api::role::kiosk] = on_writer([site_id](db::connection& db) {
      return domain::register_device(db, domain::actor{"test"}, 0,
                                     {"kiosk-" + std::to_string(site_id), "kiosk", site_id})
          .value()
          .token;
    });
  }

  void telematics_gateway()
  {
    tokens_[api::role::telematics] = on_writer([](db::connection& db) {
      return domain::register_device(db, domain::actor{"test"}, 0, {"gateway", "telematics", std::nullopt})
          .value()
          .token;
    });
  }

  template <typename Job>
  std::invoke_result_t<Job&, db::connection&> on_writer(Job job) const
  {
    return app_calls::on_writer(application_, std::move(job));
  }

  std::int64_t count(const std::string& sql) const { return app_calls::count(application_, sql); }

  /// Creates through the API, as the coordinator, and answers the new record's id, checking that the
  /// answer is the new record and says where it lives.
  std::int64_t created(const std::string& target, const json& body) const
  {
    const auto answer = call(api::role::coordinator, "POST", target, body.dump());
    INFO(answer.body);
    REQUIRE(answer.status == 201);
    const auto id = body_of(answer).at("id").get<std::int64_t>();
    const auto location = std::find_if(answer.headers.begin(), answer.headers.end(),
                                       [](const auto& header) { return header.first == "Location"; });
    REQUIRE(location != answer.headers.end());
    CHECK(location->second == target + "/" + std::to_string(id));
    return id;
  }

private:
  api::response dispatch(api::request req) const { return app_calls::dispatch(application_, std::move(req)); }

  std::string device_token(api::role who) const
  {
    const auto found = tokens_.find(who);
    REQUIRE(found != tokens_.end());
    return found->second;
  }

  void sign_in(api::role who)
  {
    const auto username = std::string(api::to_string(who)) + "-user";
    on_writer([&](db::connection& db) {
      return domain::create_user(db, domain::actor{"test"}, 0, {username, username, std::string(api::to_string(who))},
                                 pedalpower::hash_secret(password, cheap))
          .value();
    });
    const auto answer =
        dispatch(make_request("POST", "/api/v1/auth/login", json{{"username", username}, {"password", password}}.dump(),
                              "application/json"));
    REQUIRE(answer.status == 200);
    sessions_[who] = {app_calls::session_token(answer), body_of(answer).at("csrf_token")};
  }

  temp_database file_;
  api::app application_;
  std::map<api::role, std::pair<std::string, std::string>> sessions_;  ///< cookie and CSRF token
  std::map<api::role, std::string> tokens_;
};

}  // namespace fleet_api
