#pragma once

#include <cstdlib>
#include <future>
#include <string>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/domain/demo_seed.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"
#include "fuzz_database.hpp"

// The whole API app on the demo scheme, in a database file of the fuzzer's own, with a signed-in
// coordinator and a telematics gateway. Requests go through the router as the HTTP layer sends them.
namespace fuzz_app {

using namespace pedalpower;

inline api::response dispatch(const api::app& application, api::request req)
{
  std::promise<api::response> answered;
  auto answer = answered.get_future();
  application.dispatch(std::move(req), [&answered](api::response r) { answered.set_value(std::move(r)); });
  return answer.get();
}

/// A request as the HTTP layer builds it; false when its target would have been refused there.
inline bool make_request(api::request& req, std::string method, std::string target, std::string body,
                         std::string content_type)
{
  req.method = std::move(method);
  req.target = std::move(target);
  if (!api::parse_target(req.target, req.path, req.query)) return false;
  req.body = std::move(body);
  if (!content_type.empty()) req.headers.emplace_back("content-type", std::move(content_type));
  req.remote_address = "192.0.2.10";
  return true;
}

/// An answer the caller could not have caused: a server fault, or an error that is not JSON.
inline bool is_fault(const api::response& answer)
{
  if (answer.status >= 500 && answer.status != 503) return true;
  if (answer.status >= 400 && !answer.file) {
    const auto body = nlohmann::json::parse(answer.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return true;
  }
  return false;
}

class scheme {
public:
  scheme()
  {
    remove_database();
    std::atexit(remove_database);
    api::app_config config;
    config.database.path = database_path();
    config.database.synchronous = db::synchronous_mode::off;
    config.housekeeping = false;
    // Every fix is read and stored rather than answered 429 after the first burst.
    config.tracker_fixes_per_second = 1e9;
    config.tracker_burst = 1e9;
    // Never destroyed: the fuzzer ends the process with the app's threads still running.
    application_ = new api::app(std::move(config));
    application_->writer().run([](db::connection& db) { return static_cast<bool>(domain::seed_demo(db, seeded_at)); }).get();
    gateway_token_ = application_->writer()
                         .run([](db::connection& db) {
                           return domain::register_device(db, domain::actor{"fuzz"}, seeded_at,
                                                          {"fuzz-gateway", "telematics", std::nullopt})
                               ->token;
                         })
                         .get();
    application_->writer()
        .run([](db::connection& db) {
          return static_cast<bool>(domain::create_user(db, domain::actor{"fuzz"}, seeded_at,
                                                       {"fuzz-coordinator", "Fuzz", "coordinator"},
                                                       pedalpower::hash_secret("correct horse battery", {1024, 8, 1})));
        })
        .get();
    api::request login;
    make_request(login, "POST", "/api/v1/auth/login",
                 R"({"username": "fuzz-coordinator", "password": "correct horse battery"})", "application/json");
    const auto signed_in = dispatch(*application_, std::move(login));
    if (signed_in.status != 200) std::abort();
    for (const auto& [name, value] : signed_in.headers) {
      if (name != "Set-Cookie") continue;
      const auto start = value.find('=') + 1;
      cookie_ = "pp_session=" + value.substr(start, value.find(';') - start);
    }
    csrf_token_ = nlohmann::json::parse(signed_in.body).at("csrf_token");
  }

  const api::app& app() const { return *application_; }

  /// Adds what a coordinator's browser sends with every change.
  void as_coordinator(api::request& req) const
  {
    req.headers.emplace_back("cookie", cookie_);
    req.headers.emplace_back("x-csrf-token", csrf_token_);
  }

  void as_gateway(api::request& req) const { req.headers.emplace_back("authorization", "Bearer " + gateway_token_); }

private:
  api::app* application_ = nullptr;
  std::string gateway_token_;
  std::string cookie_;
  std::string csrf_token_;
};

/// The one demo scheme a fuzz target sends every input to.
inline const scheme& demo_scheme()
{
  static const scheme made;
  return made;
}

}  // namespace fuzz_app

// The demo scheme is made before the first input, so its seconds do not count as that input's.
extern "C" int LLVMFuzzerInitialize(int*, char***)
{
  fuzz_app::demo_scheme();
  return 0;
}
