#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/staff_pins.hpp"
#include "domain_answers.hpp"

namespace pedalpower::api::auth {
namespace {

void set_pin(access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto pin = required_string(json_body(req), "pin");
  if (auto rejected = domain::check_new_pin(pin)) {
    respond(problem_response(*rejected));
    return;
  }
  state.store_secret(req, respond, "pin", pin,
                     [id](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now,
                          const std::string& hash) { return domain::set_staff_pin(db, who, now, id, hash); });
}

void set_badge(const access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  if (!body.contains("badge_id")) throw error(problem_kind::invalid, "required", "badge_id is required (null takes the badge away)", "badge_id");
  const auto badge_id = optional_string(body, "badge_id");
  state.application.write(req, respond, answer_json(domain::set_staff_badge, id, badge_id));
}

}  // namespace

void add_staff_credential_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  routes.add("PUT", "/api/v1/staff/{id}/pin", {role::coordinator},
             [state](const request& req, responder respond) { set_pin(*state, req, respond); });
  routes.add("PUT", "/api/v1/staff/{id}/badge", {role::coordinator},
             [state](const request& req, responder respond) { set_badge(*state, req, respond); });
}

}  // namespace pedalpower::api::auth
