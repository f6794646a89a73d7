#include "auth/access_state.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "auth/credentials.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/core/secrets.hpp"
#include "domain_answers.hpp"

namespace pedalpower::api::auth {

access_state::access_state(const app& owner)
    : application(owner),
      sessions{std::int64_t{owner.config().session_idle_minutes} * 60,
               std::int64_t{owner.config().session_absolute_hours} * 60 * 60}
{
}

std::optional<principal> access_state::identify(const request& req)
{
  if (const auto authorization = req.header("authorization")) {
    const auto token = bearer_token(*authorization);
    if (!token) throw error(problem_kind::unauthenticated, "invalid_credentials", "the Authorization header must be 'Bearer <device token>'");
    return device_for(*token);
  }
  if (const auto token = cookie_value(req, session_cookie_name)) return user_for(*token, pedalpower::current_time());
  return std::nullopt;
}

principal access_state::device_for(std::string_view token)
{
  const auto digest = pedalpower::token_digest(token);
  const auto cached = devices.find(digest);
  if (cached.device) return *cached.device;
  const auto found = domain::find_device_by_token(application.reader(), token);
  if (!found) throw error(problem_kind::unauthenticated, "invalid_credentials", "this device token is not valid");
  const principal device{*role_from_string(found->role), found->id, found->name, found->site_id, false, {}};
  devices.remember(digest, device, cached.generation);
  return device;
}

principal access_state::user_for(std::string_view token, pedalpower::unix_seconds now)
{
  const auto found = domain::find_session(application.reader(), token, now, sessions);
  if (!found) throw error(found.error());
  if (domain::session_needs_touch(found.value(), now)) {
    // Nobody waits for this: a lost touch only lets the session end a little sooner.
    application.writer().submit(
        [digest = found->token_digest, now](db::connection& db) { domain::touch_session(db, digest, now); },
        [](std::exception_ptr) {});
  }
  return principal{*role_from_string(found->account.role), found->account.id, found->account.username, std::nullopt,
                   true, found->csrf_token};
}

void access_state::run_slow(responder respond, std::function<void(access_state&, const responder&)> job)
{
  const bool queued = slow_hashes.try_submit([this, job = std::move(job), respond]() {
    try {
      job(*this, respond);
    } catch (...) {
      respond(guarded([]() -> response { throw; }));
    }
  });
  if (!queued) respond(retry_later(problem_kind::unavailable, "busy", "the server is busy checking other sign-ins; try again shortly", "", 1));
}

void access_state::store_secret(const request& req, responder respond, std::string_view secret_field,
                                std::string secret, secret_store store)
{
  run_slow(std::move(respond), [req = secret_masked(req, secret_field), secret = std::move(secret),
                                store = std::move(store)](access_state& shared, const responder& answer) {
    shared.application.write(req, answer, answer_no_content(store, pedalpower::hash_secret(secret)));
  });
}

request without_replay(const request& req)
{
  auto copy = req;
  std::erase_if(copy.headers, [](const auto& header) { return header.first == "idempotency-key"; });
  return copy;
}

request secret_masked(const request& req, std::string_view secret)
{
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (!body.is_object()) return without_replay(req);
  if (const auto field = body.find(secret); field != body.end() && field->is_string()) {
    *field = pedalpower::run_keyed_digest(field->get<std::string>());
  }
  auto copy = req;
  copy.body = body.dump();
  return copy;
}

void write_keeping_refusals(const app& application, const request& req, responder respond,
                            write_job job)
{
  auto answer = std::make_shared<response>();
  application.writer().submit(
      [job = std::move(job), who = domain::actor{req.caller ? req.caller->audit_label() : "anonymous"},
       now = pedalpower::current_time(), answer](db::connection& db) { *answer = job(db, who, now); },
      [&application, answer, respond = std::move(respond)](std::exception_ptr failure) {
        application.record_write(failure);
        respond(failure ? error_response(problem_kind::unavailable, "storage_unavailable", "the change could not be saved; try again")
                        : std::move(*answer));
      });
}

}  // namespace pedalpower::api::auth
