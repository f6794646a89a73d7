#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/passwords.hpp"
#include "pedalpower/domain/staff_pins.hpp"
#include "pedalpower/domain/text_fields.hpp"

namespace pedalpower::api::auth {
namespace {

/// What a kiosk may show about the person in front of it: no pay band, no contact details.
nlohmann::json kiosk_summary(const domain::staff_member& member)
{
  return {{"id", member.id},
          {"staff_number", member.staff_number},
          {"name", member.name},
          {"department", member.department},
          {"home_site_id", member.home_site_id ? nlohmann::json(*member.home_site_id) : nlohmann::json()},
          {"inducted", member.induction_date.has_value()}};
}

/// A refused identification. A wrong PIN or unknown badge is 401 (the person is not who they
/// claim); a locked PIN says when it opens again.
response refusal(const domain::problem& reason, domain::unix_seconds locked_until, domain::unix_seconds now)
{
  if (reason.code == "identification_failed") return error_response(401, reason.code, reason.message, reason.field);
  if (reason.code != "pin_locked") return problem_response(reason);
  auto answer = retry_later(409, reason.code, reason.message, reason.field, locked_until - now);
  auto body = nlohmann::json::parse(answer.body);
  body["error"]["locked_until"] = domain::iso8601(locked_until);
  answer.body = body.dump();
  return answer;
}

response identified(access_state& state, std::int64_t kiosk_id, const domain::staff_member& member,
                    domain::unix_seconds now)
{
  const auto issued = state.kiosk_staff.issue(kiosk_id, member.id, now);
  return json_response({{"staff", kiosk_summary(member)},
                        {"staff_token", issued.token},
                        {"expires_at", domain::iso8601(issued.expires_at)},
                        {"expires_in_seconds", state.kiosk_staff.idle_seconds()}});
}

void identify_by_badge(access_state& state, const request& req, const std::string& badge_id, const responder& respond)
{
  const auto now = domain::current_time();
  const auto found = domain::identify_by_badge(state.application.reader(), badge_id);
  if (!found) {
    if (found.error().code == "identification_failed") state.kiosk_throttle.record_failure(badge_id, req.remote_address, now);
    respond(refusal(found.error(), 0, now));
    return;
  }
  respond(identified(state, req.caller->id, found.value(), now));
}

void identify_by_pin(access_state& state, const request& req, const std::string& staff_number, const std::string& pin,
                     const responder& respond)
{
  const auto begun = domain::begin_pin_check(state.application.reader(), staff_number, domain::current_time());
  if (!begun.result && begun.result.error().code != "identification_failed") {
    respond(refusal(begun.result.error(), begun.locked_until, domain::current_time()));
    return;
  }
  state.run_slow(respond, [req = without_replay(req), begun, staff_number, pin](access_state& shared,
                                                                                const responder& answer) {
    // An unknown staff number costs the same hash as a known one.
    const bool matched = domain::verify_secret(pin, begun.result ? begun.result->pin_hash : domain::decoy_hash());
    if (!begun.result) {
      shared.kiosk_throttle.record_failure(staff_number, req.remote_address, domain::current_time());
      answer(refusal(begun.result.error(), 0, domain::current_time()));
      return;
    }
    const auto staff_id = begun.result->member.id;
    write_keeping_refusals(
        shared.application, req, answer,
        [weak = shared.weak_from_this(), kiosk_id = req.caller->id, staff_id, matched, staff_number,
         address = req.remote_address](db::connection& db, const domain::actor& who, domain::unix_seconds now) {
          const auto checked = domain::finish_pin_check(db, who, now, staff_id, matched);
          const auto alive = weak.lock();
          if (!alive) return error_response(503, "shutting_down", "the server is stopping; try again shortly");
          if (!checked.result) {
            if (!matched) alive->kiosk_throttle.record_failure(staff_number, address, now);
            return refusal(checked.result.error(), checked.locked_until, now);
          }
          alive->kiosk_throttle.record_success(staff_number);
          return identified(*alive, kiosk_id, checked.result.value(), now);
        });
  });
}

void identify(access_state& state, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const auto badge_id = optional_string(body, "badge_id");
  const auto staff_number = optional_string(body, "staff_number");
  const auto pin = optional_string(body, "pin");
  if (badge_id.has_value() == (staff_number.has_value() || pin.has_value())) {
    throw error(422, "invalid", "send either staff_number and pin, or badge_id", badge_id ? "badge_id" : "staff_number");
  }
  const auto account = badge_id ? *badge_id : domain::upper_case(domain::trimmed(staff_number.value_or("")));
  const auto wait = state.kiosk_throttle.retry_after(account, req.remote_address, domain::current_time());
  if (wait > 0) {
    respond(retry_later(429, "too_many_attempts", "too many failed attempts here; wait before trying again",
                        badge_id ? "badge_id" : "pin", wait));
    return;
  }
  if (badge_id) {
    identify_by_badge(state, req, *badge_id, respond);
    return;
  }
  if (!staff_number) throw error(422, "required", "staff_number is required", "staff_number");
  if (!pin) throw error(422, "required", "pin is required", "pin");
  identify_by_pin(state, req, account, *pin, respond);
}

}  // namespace

void add_kiosk_identify_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  routes.add("POST", "/api/v1/kiosk/identify", {role::kiosk},
             [state](const request& req, responder respond) { identify(*state, req, respond); });
  routes.add("DELETE", "/api/v1/kiosk/identify", {role::kiosk}, [state](const request& req, responder respond) {
    const auto token = req.header("x-staff-token");
    if (!token) throw error(422, "required", "send the X-Staff-Token to end", "X-Staff-Token");
    state->kiosk_staff.end(*token, req.caller->id);
    respond(no_content());
  });
}

}  // namespace pedalpower::api::auth
