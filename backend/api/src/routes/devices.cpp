#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/devices.hpp"

namespace pedalpower::api::auth {
namespace {

nlohmann::json issued_json(const domain::issued_device& issued)
{
  return {{"device", issued.registered}, {"token", issued.token}};
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

void list(const access_state& state, const responder& respond)
{
  respond(json_response({{"devices", domain::list_devices(state.application.reader())}}));
}

void register_one(const access_state& state, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::new_device details{required_string(body, "name"), required_string(body, "role"),
                                   optional_int(body, "site_id")};
  state.application.write(without_replay(req), respond,
                          [details](db::connection& db, const domain::actor& who, domain::unix_seconds now) {
                            const auto issued = domain::register_device(db, who, now, details);
                            if (!issued) return problem_response(issued.error());
                            return json_response(issued_json(issued.value()), 201);
                          });
}

void deactivate(access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  state.application.write(req, forgetting_device(state, id, respond),
                          [id](db::connection& db, const domain::actor& who, domain::unix_seconds now) {
                            const auto changed = domain::deactivate_device(db, who, now, id);
                            if (!changed) return problem_response(changed.error());
                            return json_response({{"device", changed.value()}});
                          });
}

void rotate_token(access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  state.application.write(without_replay(req), forgetting_device(state, id, respond),
                          [id](db::connection& db, const domain::actor& who, domain::unix_seconds now) {
                            const auto issued = domain::rotate_device_token(db, who, now, id);
                            if (!issued) return problem_response(issued.error());
                            return json_response(issued_json(issued.value()));
                          });
}

}  // namespace

void add_device_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  routes.add("GET", "/api/v1/devices", {role::coordinator},
             [state](const request&, responder respond) { list(*state, respond); });
  routes.add("POST", "/api/v1/devices", {role::coordinator},
             [state](const request& req, responder respond) { register_one(*state, req, respond); });
  routes.add("POST", "/api/v1/devices/{id}/deactivate", {role::coordinator},
             [state](const request& req, responder respond) { deactivate(*state, req, respond); });
  routes.add("POST", "/api/v1/devices/{id}/rotate-token", {role::coordinator},
             [state](const request& req, responder respond) { rotate_token(*state, req, respond); });
}

}  // namespace pedalpower::api::auth
