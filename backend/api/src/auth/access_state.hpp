#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "auth/device_token_cache.hpp"
#include "pedalpower/api/auth/kiosk_staff_tokens.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/principal.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/api/response.hpp"
#include "pedalpower/domain/sign_in_throttle.hpp"
#include "pedalpower/domain/staff_pins.hpp"
#include "pedalpower/domain/users.hpp"
#include "pedalpower/workers/worker_pool.hpp"

namespace pedalpower::api::auth {

/// What the access routes and the authenticator share. Route handlers hold it by shared_ptr; jobs
/// finishing on the writer after it may be gone hold a weak_ptr.
struct access_state : std::enable_shared_from_this<access_state> {
  explicit access_state(const app& owner);

  const app& application;
  const domain::session_limits sessions;
  device_token_cache devices{1024};
  kiosk_staff_tokens kiosk_staff{5 * 60, 8};
  domain::sign_in_throttle password_throttle;
  domain::sign_in_throttle kiosk_throttle{domain::kiosk_identify_limits};
  // Declared last so it stops first: its jobs use everything above. The password and PIN hashes
  // take a large fraction of a second each: on the network threads they would stall everyone else,
  // and the bounded queue turns a flood of sign-in attempts away instead of piling up work.
  workers::worker_pool slow_hashes{{.name = "slow hash", .threads = 2, .max_waiting = 32}};

  std::optional<principal> identify(const request& req);

  /// Runs `job` on the slow-hash pool; it answers through the responder it is given (an exception
  /// it throws is answered for it). Answers 503 "busy" itself when the pool's queue is full. Jobs get
  /// this object as an argument rather than keeping it alive: the pool belongs to it.
  void run_slow(responder respond, std::function<void(access_state&, const responder&)> job);

  /// What stores a new password or PIN hash, on the writer.
  using secret_store = std::function<outcome<done>(db::connection& db, const domain::actor& who,
                                                   pedalpower::unix_seconds now, const std::string& hash)>;

  /// Hashes a new password or PIN, the body's field `secret_field`, on the slow-hash pool, then
  /// stores it with `store` and answers 204 or its problem. A repeat is known by its Idempotency-Key
  /// and its body, the secret masked (see secret_masked).
  void store_secret(const request& req, responder respond, std::string_view secret_field, std::string secret,
                    secret_store store);

 private:
  principal device_for(std::string_view token);
  principal user_for(std::string_view token, pedalpower::unix_seconds now);
};

/// `req` without its Idempotency-Key, for writes whose answer carries a secret (a session, a token):
/// the replay table would keep it in plain text.
request without_replay(const request& req);

/// `req` with the JSON body field `secret` (a password or PIN) replaced by its run_keyed_digest, for a
/// write whose answer holds no secret: the replay table keeps a fast hash of the request, from which a
/// short secret could otherwise be guessed. A repeat with the same key and body gets the first answer;
/// with another secret, or after a restart, it is refused as a reused key.
request secret_masked(const request& req, std::string_view secret);

/// Like app::write, except that what `job` wrote is kept even when its answer is an error: a wrong
/// PIN must still count towards the lock. A job that throws is undone and answered 503.
void write_keeping_refusals(const app& application, const request& req, responder respond,
                            write_job job);

void add_sign_in_routes(router& routes, const std::shared_ptr<access_state>& state);
void add_user_routes(router& routes, const std::shared_ptr<access_state>& state);
void add_device_routes(router& routes, const std::shared_ptr<access_state>& state);
void add_kiosk_identify_routes(router& routes, const std::shared_ptr<access_state>& state);
void add_staff_credential_routes(router& routes, const std::shared_ptr<access_state>& state);
void add_audit_routes(router& routes, const app& application);

}  // namespace pedalpower::api::auth
