#include "pedalpower/api/auth/access.hpp"

#include "auth/access_state.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/kiosk_identifications.hpp"

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

std::optional<kiosk_person> access::kiosk_staff(const request& req) const
{
  if (!req.caller || req.caller->kind != role::kiosk) return std::nullopt;
  const auto now = pedalpower::current_time();
  if (const auto token = req.header("x-staff-token")) {
    if (auto held = state_->kiosk_staff.use(*token, req.caller->id, now)) {
      return kiosk_person{held->staff_id, std::move(held->checked)};
    }
  }
  if (const auto proof = req.header("x-staff-proof")) {
    if (const auto staff_id = domain::staff_of_offline_proof(state_->application.reader(), *proof, req.caller->id, now)) {
      return kiosk_person{*staff_id, "pin-offline"};
    }
  }
  return std::nullopt;
}

kiosk_person access::require_kiosk_staff(const request& req) const
{
  auto person = kiosk_staff(req);
  if (!person) {
    throw error(problem_kind::unauthenticated, "staff_not_identified", "identify at the kiosk first (staff number and PIN, or badge)",
                "X-Staff-Token");
  }
  return std::move(*person);
}

}  // namespace pedalpower::api::auth
