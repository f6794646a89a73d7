#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "pedalpower/api/principal.hpp"

namespace pedalpower::api {

class app;
class router;
struct request;

namespace auth {

struct access_state;

/// The staff member a kiosk request acts for, and what proved it was them.
struct kiosk_person {
  std::int64_t staff_id;
  /// "pin" or "badge": identified at the kiosk just now (X-Staff-Token); "pin-offline": the kiosk
  /// checked the PIN itself, against an identification of that person there (X-Staff-Proof).
  std::string checked;
};

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

  /// The staff member a kiosk request acts for: named by the `X-Staff-Token` header that
  /// POST /api/v1/kiosk/identify issued to the calling kiosk, still fresh (each use extends it), or
  /// else by the `X-Staff-Proof` it issued to that kiosk with a PIN identification, still valid (an
  /// action the kiosk took offline, replayed). nullopt if the caller is not a kiosk or neither names
  /// anyone for it.
  std::optional<kiosk_person> kiosk_staff(const request& req) const;

  /// As kiosk_staff, but throws api::error 401 "staff_not_identified" when there is none.
  kiosk_person require_kiosk_staff(const request& req) const;

private:
  std::shared_ptr<access_state> state_;
};

}  // namespace auth
}  // namespace pedalpower::api
