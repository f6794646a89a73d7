#include "pedalpower/api/auth/access.hpp"

#include "auth/access_state.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/router.hpp"

namespace pedalpower::api::auth {

access::access(const app& application) : state_(std::make_shared<access_state>(application)) {}

access::~access() = default;

void access::install(router& routes) const
{
  add_sign_in_routes(routes, state_);
  add_user_routes(routes, state_);
  add_device_routes(routes, state_);
  add_kiosk_identify_routes(routes, state_);
  add_staff_credential_routes(routes, state_);
  add_audit_routes(routes, state_->application);
  routes.set_authenticator([state = state_](const request& req) { return state->identify(req); });
}

std::optional<std::int64_t> access::kiosk_staff(const request& req) const
{
  if (!req.caller || req.caller->kind != role::kiosk) return std::nullopt;
  const auto token = req.header("x-staff-token");
  if (!token) return std::nullopt;
  return state_->kiosk_staff.use(*token, req.caller->id, domain::current_time());
}

std::int64_t access::require_kiosk_staff(const request& req) const
{
  const auto staff_id = kiosk_staff(req);
  if (!staff_id) {
    throw error(401, "staff_not_identified", "identify at the kiosk first (staff number and PIN, or badge)",
                "X-Staff-Token");
  }
  return *staff_id;
}

}  // namespace pedalpower::api::auth
