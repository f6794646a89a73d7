#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/kiosk_identifications.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/staff_pins.hpp"
#include "pedalpower/core/text_fields.hpp"

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

response identified(access_state& state, std::int64_t kiosk_id, const domain::staff_member& member,
                    std::string checked, const std::optional<domain::offline_proof>& proof, pedalpower::unix_seconds now)
{
  const auto issued = state.kiosk_staff.issue(kiosk_id, {member.id, std::move(checked)}, now);
  nlohmann::json body{{"staff", kiosk_summary(member)},
                      {"staff_token", issued.token},
                      {"expires_at", pedalpower::iso8601(issued.expires_at)},
                      {"expires_in_seconds", state.kiosk_staff.idle_seconds()}};
  if (proof) {
    body["offline_proof"] = proof->token;
    body["offline_proof_valid_until"] = pedalpower::iso8601(proof->valid_until);
  }
  return json_response(body);
}

/// Failed identifications are counted per kiosk, never per network address: kiosks behind one
/// hospital NAT must not block each other. The staff number or badge is counted at that kiosk only.
struct throttle_keys {
  std::string account;
  std::string kiosk;

  throttle_keys(const request& req, const std::string& account_name)
      : account(std::to_string(req.caller->id) + "/" + account_name), kiosk("kiosk:" + std::to_string(req.caller->id))
  {
  }
};

void identify_by_badge(access_state& state, const request& req, const std::string& badge_id, const throttle_keys& keys,
                       const responder& respond)
{
  const auto now = pedalpower::current_time();
  const auto found = domain::identify_by_badge(state.application.reader(), badge_id);
  if (!found) {
    if (found.error().kind == problem_kind::unauthenticated) state.kiosk_throttle.record_failure(keys.account, keys.kiosk, now);
    respond(problem_response(found.error()));
    return;
  }
  respond(identified(state, req.caller->id, found.value(), "badge", std::nullopt, now));
}

// Every refusal, whatever its reason, takes the same path: one slow comparison, one trip through
// the writer, one answer.
void identify_by_pin(access_state& state, const request& req, const std::string& staff_number, const std::string& pin,
                     const throttle_keys& keys, const responder& respond)
{
  const auto kiosk_id = req.caller->id;
  auto challenge = domain::begin_pin_check(state.application.reader(), staff_number, kiosk_id, pedalpower::current_time());
  state.run_slow(respond, [req = without_replay(req), challenge = std::move(challenge), pin, keys,
                           kiosk_id](access_state& shared, const responder& answer) {
    const bool matched = pedalpower::verify_secret(pin, challenge.pin_hash);
    write_keeping_refusals(
        shared.application, req, answer,
        [weak = shared.weak_from_this(), kiosk_id, challenge, matched, keys](
            db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
          const auto checked = domain::finish_pin_check(db, who, now, kiosk_id, challenge, matched);
          const auto alive = weak.lock();
          if (!alive) return error_response(problem_kind::unavailable, "shutting_down", "the server is stopping; try again shortly");
          if (!checked) {
            alive->kiosk_throttle.record_failure(keys.account, keys.kiosk, now);
            return problem_response(checked.error());
          }
          alive->kiosk_throttle.record_success(keys.account, keys.kiosk);
          const auto proof = domain::record_kiosk_identification(db, now, kiosk_id, checked->id);
          return identified(*alive, kiosk_id, checked.value(), "pin", proof, now);
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
    throw error(problem_kind::invalid, "invalid", "send either staff_number and pin, or badge_id", badge_id ? "badge_id" : "staff_number");
  }
  const auto now = pedalpower::current_time();
  const auto too_many_attempts = [&respond](const char* field, std::int64_t wait) {
    respond(retry_later(problem_kind::rate_limited, "too_many_attempts",
                        "too many failed attempts at this kiosk; wait before trying again", field, wait));
  };
  if (badge_id) {
    const throttle_keys keys(req, *badge_id);
    if (const auto wait = state.kiosk_throttle.retry_after(keys.account, keys.kiosk, now))
      return too_many_attempts("badge_id", wait);
    identify_by_badge(state, req, *badge_id, keys, respond);
    return;
  }
  if (!staff_number) throw error(problem_kind::invalid, "required", "staff_number is required", "staff_number");
  if (!pin) throw error(problem_kind::invalid, "required", "pin is required", "pin");
  const auto account = pedalpower::upper_case(pedalpower::trimmed(*staff_number));
  const throttle_keys keys(req, account);
  // A PIN's slow comparison runs beside others: a try stays pending until it is counted, so PINs sent
  // together for one person at one kiosk are compared one after another and the lock stops them.
  if (const auto wait = state.kiosk_throttle.start_try(keys.account, keys.kiosk, now))
    return too_many_attempts("pin", wait);
  identify_by_pin(state, req, account, *pin, keys, respond);
}

}  // namespace

void add_kiosk_identify_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  routes.add("POST", "/api/v1/kiosk/identify", {role::kiosk},
             [state](const request& req, responder respond) { identify(*state, req, respond); });
  routes.add("DELETE", "/api/v1/kiosk/identify", {role::kiosk}, [state](const request& req, responder respond) {
    const auto token = req.header("x-staff-token");
    if (!token) throw error(problem_kind::invalid, "required", "send the X-Staff-Token to end", "X-Staff-Token");
    state->kiosk_staff.end(*token, req.caller->id);
    respond(no_content());
  });
}

}  // namespace pedalpower::api::auth
