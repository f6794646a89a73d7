#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "auth/credentials.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/devices.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"
#include "domain_answers.hpp"

namespace pedalpower::api::auth {
namespace {

response wrong_password()
{
  return error_response(problem_kind::unauthenticated, "invalid_credentials", "the username or password is wrong", "password");
}

/// Counts a wrong password, and audits it the first time it slows sign-ins to a real account, so its
/// owner can be told.
void count_wrong_password(access_state& state, const std::optional<domain::user>& account, const std::string& username,
                          const std::string& address)
{
  const auto now = pedalpower::current_time();
  const auto news = state.password_throttle.record_failure(username, address, now);
  if (!account || news == domain::throttle_news::none) return;
  const auto reason = news == domain::throttle_news::pair_locked ? "locked_for_address" : "many_failures";
  state.application.writer().submit(
      [owner = *account, reason, address, now,
       failures = state.password_throttle.account_failures(username, now)](db::connection& db) {
        domain::record_sign_in_throttled(db, now, owner, reason, address, failures);
      },
      [](std::exception_ptr) {});
}

/// The current session of a request the router has already authenticated by cookie.
domain::session current_session(db::connection& db, const request& req, const domain::session_limits& limits)
{
  const auto token = cookie_value(req, session_cookie_name).value_or("");
  auto found = domain::find_session(db, token, pedalpower::current_time(), limits);
  if (!found) throw error(found.error());
  return std::move(found).value();
}

void sign_in(access_state& state, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const auto username = domain::canonical_username(required_string(body, "username"));
  const auto password = required_string(body, "password");
  const auto wait = state.password_throttle.start_try(username, req.remote_address, pedalpower::current_time());
  if (wait > 0) {
    respond(retry_later(problem_kind::rate_limited, "too_many_attempts", "too many failed sign-ins; wait before trying again", "password", wait));
    return;
  }
  state.run_slow(respond, [req = without_replay(req), username, password](access_state& shared, const responder& answer) {
    const auto candidate = domain::find_sign_in_candidate(shared.application.reader(), username);
    // An unknown username costs the same hash as a known one, so timing does not tell them apart.
    const bool matched = pedalpower::verify_secret(password, candidate ? candidate->password_hash : pedalpower::decoy_hash());
    if (!candidate || !matched) {
      count_wrong_password(shared, candidate ? std::optional(candidate->account) : std::nullopt, username,
                           req.remote_address);
      answer(wrong_password());
      return;
    }
    shared.password_throttle.record_success(username, req.remote_address);
    shared.application.write(req, answer,
                             [account = candidate->account, limits = shared.sessions,
                              secure = req.secure](db::connection& db, const domain::actor&, pedalpower::unix_seconds now) {
                               const auto started = domain::start_session(db, account, now, limits);
                               auto signed_in = json_response({{"user", account},
                                                               {"csrf_token", started.csrf_token},
                                                               {"expires_at", pedalpower::iso8601(started.expires_at)}});
                               signed_in.headers.emplace_back(
                                   "Set-Cookie", session_cookie(started.token, limits.absolute_seconds, secure));
                               return signed_in;
                             });
  });
}

void sign_out(access_state& state, const request& req, const responder& respond)
{
  // Ending a session is idempotent by itself, and a key kept per user would let one session's
  // sign-out answer for another's.
  state.application.write(without_replay(req), respond, [limits = state.sessions, req](db::connection& db,
                                                                                        const domain::actor& who,
                                                                                        pedalpower::unix_seconds now) {
    domain::end_session(db, who, now, current_session(db, req, limits));
    auto signed_out = no_content();
    signed_out.headers.emplace_back("Set-Cookie", cleared_session_cookie(req.secure));
    return signed_out;
  });
}

void describe_caller(const access_state& state, const request& req, const responder& respond)
{
  const auto& caller = *req.caller;
  auto& db = state.application.reader();
  if (!caller.via_cookie) {
    const auto device = domain::find_device(db, caller.id);
    respond(device ? json_response({{"kind", "device"}, {"device", device.value()}}) : problem_response(device.error()));
    return;
  }
  const auto account = domain::find_user(db, caller.id);
  respond(account ? json_response({{"kind", "user"}, {"user", account.value()}, {"csrf_token", caller.csrf_token}})
                  : problem_response(account.error()));
}

void change_own_password(access_state& state, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const auto current = required_string(body, "current_password");
  const auto replacement = required_string(body, "new_password");
  if (auto rejected = domain::check_new_password(replacement, {req.caller->name, current})) {
    rejected->field = "new_password";
    respond(problem_response(*rejected));
    return;
  }
  const auto wait = state.password_throttle.retry_after(req.caller->name, req.remote_address, pedalpower::current_time());
  if (wait > 0) {
    respond(retry_later(problem_kind::rate_limited, "too_many_attempts", "too many wrong passwords; wait before trying again",
                        "current_password", wait));
    return;
  }
  state.run_slow(respond, [req = without_replay(req), current, replacement](access_state& shared,
                                                                             const responder& answer) {
    const auto& caller = *req.caller;
    const auto candidate = domain::find_sign_in_candidate(shared.application.reader(), caller.name);
    if (!candidate || !pedalpower::verify_secret(current, candidate->password_hash)) {
      count_wrong_password(shared, candidate ? std::optional(candidate->account) : std::nullopt, caller.name,
                           req.remote_address);
      // 403, not 401: the session is still good, and a client that treats 401 as signed out must not.
      answer(error_response(problem_kind::forbidden, "wrong_current_password", "the current password is wrong", "current_password"));
      return;
    }
    const auto keep = pedalpower::token_digest(cookie_value(req, session_cookie_name).value_or(""));
    shared.application.write(
        req, answer,
        answer_no_content(domain::set_user_password, caller.id, pedalpower::hash_secret(replacement), keep));
  });
}

}  // namespace

void add_sign_in_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  routes.add("POST", "/api/v1/auth/login", {},
             [state](const request& req, responder respond) { sign_in(*state, req, respond); });
  routes.add("POST", "/api/v1/auth/logout", {role::coordinator, role::technician, role::reporter},
             [state](const request& req, responder respond) { sign_out(*state, req, respond); });
  routes.add("GET", "/api/v1/auth/me", {role::coordinator, role::technician, role::reporter, role::kiosk, role::telematics},
             [state](const request& req, responder respond) { describe_caller(*state, req, respond); });
  routes.add("POST", "/api/v1/auth/password", {role::coordinator, role::technician, role::reporter},
             [state](const request& req, responder respond) { change_own_password(*state, req, respond); });
}

}  // namespace pedalpower::api::auth
