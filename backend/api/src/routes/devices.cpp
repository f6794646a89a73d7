#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/devices.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_params.hpp"
#include "routes/loan_inputs.hpp"

namespace pedalpower::api::auth {
namespace {

/// The device with its new bearer token, the only time the token is ever shown.
nlohmann::json issued_json(const domain::issued_device& issued)
{
  nlohmann::json device = issued.registered;
  device["token"] = issued.token;
  return device;
}

/// `respond`, preceded, once a change to device `id` is committed, by forgetting what memory holds
/// about it: its cached token and the staff member identified at it.
responder forgetting_device(access_state& state, std::int64_t id, responder respond)
{
  return [weak = state.weak_from_this(), id, respond = std::move(respond)](response answer) {
    if (answer.status < 400) {
      if (const auto shared = weak.lock()) {
        shared->devices.forget_device(id);
        shared->kiosk_staff.forget_kiosk(id);
      }
    }
    respond(std::move(answer));
  };
}

exportable_list device_list(const app& application)
{
  using kind = domain::column_kind;
  return {"devices",
          {{"id", "Id", kind::integer},
           {"name", "Name"},
           {"role", "Role"},
           {"site_id", "Site id", kind::integer},
           {"active", "Active"},
           {"created_at", "Created at", kind::date}},
          [&application](const request& req, const domain::page_request& wanted) {
            domain::device_filter filter;
            filter.role = query_text(req, "role");
            filter.site_id = query_id(req, "site_id");
            filter.active = query_flag(req, "active");
            return listed_page(domain::list_devices(application.reader(), filter, wanted));
          }};
}

void register_one(const access_state& state, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::new_device details{required_string(body, "name"), required_string(body, "role"),
                                   optional_int(body, "site_id")};
  state.application.write(without_replay(req), respond,
                          [details](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                            const auto issued = domain::register_device(db, who, now, details);
                            if (!issued) return problem_response(issued.error());
                            return created_response(issued_json(issued.value()),
                                                    "/api/v1/devices/" + std::to_string(issued->registered.id));
                          });
}

/// Deactivates or reactivates a device: {"active": false|true}, as for staff and users.
void update(access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto active = optional_bool(json_body(req), "active");
  if (!active) throw error(problem_kind::invalid, "required", "active is required: true or false", "active");
  state.application.write(req, forgetting_device(state, id, respond),
                          [id, active = *active](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                            return json_or_problem(domain::set_device_active(db, who, now, id, active));
                          });
}

void rotate_token(access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  refuse_malformed_body(req);
  state.application.write(without_replay(req), forgetting_device(state, id, respond),
                          [id](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                            const auto issued = domain::rotate_device_token(db, who, now, id);
                            if (!issued) return problem_response(issued.error());
                            return json_response(issued_json(issued.value()));
                          });
}

}  // namespace

void add_device_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  add_exportable_list(routes, state->application, "/api/v1/devices", {role::coordinator},
                      device_list(state->application));
  routes.add("POST", "/api/v1/devices", {role::coordinator},
             [state](const request& req, responder respond) { register_one(*state, req, respond); });
  routes.add("GET", "/api/v1/devices/{id}", {role::coordinator},
             answer_found(state->application, domain::find_device));
  routes.add("PATCH", "/api/v1/devices/{id}", {role::coordinator},
             [state](const request& req, responder respond) { update(*state, req, respond); });
  routes.add("POST", "/api/v1/devices/{id}/rotate-token", {role::coordinator},
             [state](const request& req, responder respond) { rotate_token(*state, req, respond); });
}

}  // namespace pedalpower::api::auth
