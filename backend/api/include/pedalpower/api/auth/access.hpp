#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "pedalpower/api/principal.hpp"

namespace pedalpower::api {

class app;
class router;
struct request;

namespace auth {

struct access_state;

/// Who may call the API and how they prove it: password sign-in with session cookies and CSRF
/// tokens, device bearer tokens, staff identification at kiosks, failed-attempt throttling, and the
/// routes that manage users, devices, staff PINs and badges, and read the audit log.
///
/// Slow password and PIN hashing runs on this object's own small thread pool, never on the thread
/// that called a handler. Must outlive every dispatch through the router it is installed in.
class access {
public:
  explicit access(const app& application);
  ~access();
  access(const access&) = delete;
  access& operator=(const access&) = delete;

  /// Registers this object's routes on `routes` and makes it the router's authenticator: a user with
  /// the session cookie, or a device with `Authorization: Bearer <token>`; credentials that are
  /// present but wrong or expired answer 401 "invalid_credentials" or "session_expired".
  void install(router& routes) const;

  /// The staff member a kiosk request acts for: the `X-Staff-Token` header that
  /// POST /api/v1/kiosk/identify issued to the calling kiosk, still fresh (each use extends it).
  /// nullopt if the caller is not a kiosk or the token is missing, expired or another kiosk's.
  std::optional<std::int64_t> kiosk_staff(const request& req) const;

  /// As kiosk_staff, but throws api::error 401 "staff_not_identified" when there is none.
  std::int64_t require_kiosk_staff(const request& req) const;

private:
  std::shared_ptr<access_state> state_;
};

}  // namespace auth
}  // namespace pedalpower::api
