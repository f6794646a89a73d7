#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/passwords.hpp"
#include "pedalpower/domain/users.hpp"

namespace pedalpower::api::auth {
namespace {

void list(const access_state& state, const responder& respond)
{
  respond(json_response({{"users", domain::list_users(state.application.reader())}}));
}

void create(access_state& state, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::new_user details{required_string(body, "username"), required_string(body, "display_name"),
                                 required_string(body, "role")};
  const auto password = required_string(body, "password");
  // Refuse bad input before spending a slow hash on it.
  if (auto rejected = domain::check_new_user(details)) {
    respond(problem_response(*rejected));
    return;
  }
  if (auto rejected = domain::check_new_password(password, {details.username, {}})) {
    respond(problem_response(*rejected));
    return;
  }
  state.run_slow(respond, [req = without_replay(req), details, password](access_state& shared,
                                                                         const responder& answer) {
    shared.application.write(req, answer,
                             [details, hash = domain::hash_secret(password)](
                                 db::connection& db, const domain::actor& who, domain::unix_seconds now) {
                               const auto created = domain::create_user(db, who, now, details, hash);
                               if (!created) return problem_response(created.error());
                               return json_response({{"user", created.value()}}, 201);
                             });
  });
}

void deactivate(const access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  if (id == req.caller->id) {
    // Guards against a coordinator locking everyone out by deactivating the last coordinator: themselves.
    respond(error_response(409, "cannot_deactivate_self", "ask another coordinator to deactivate your account", "id"));
    return;
  }
  state.application.write(req, respond, [id](db::connection& db, const domain::actor& who, domain::unix_seconds now) {
    const auto changed = domain::deactivate_user(db, who, now, id);
    if (!changed) return problem_response(changed.error());
    return json_response({{"user", changed.value()}});
  });
}

void set_password(access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto password = required_string(json_body(req), "password");
  const auto target = domain::find_user(state.application.reader(), id);
  if (!target) {
    respond(problem_response(target.error()));
    return;
  }
  if (auto rejected = domain::check_new_password(password, {target->username, {}})) {
    respond(problem_response(*rejected));
    return;
  }
  state.run_slow(respond, [req = without_replay(req), id, password](access_state& shared, const responder& answer) {
    shared.application.write(req, answer,
                             [id, hash = domain::hash_secret(password)](db::connection& db, const domain::actor& who,
                                                                        domain::unix_seconds now) {
                               const auto changed = domain::set_user_password(db, who, now, id, hash);
                               if (!changed) return problem_response(changed.error());
                               return json_response({{"password", "changed"}});
                             });
  });
}

}  // namespace

void add_user_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  routes.add("GET", "/api/v1/users", {role::coordinator},
             [state](const request&, responder respond) { list(*state, respond); });
  routes.add("POST", "/api/v1/users", {role::coordinator},
             [state](const request& req, responder respond) { create(*state, req, respond); });
  routes.add("POST", "/api/v1/users/{id}/deactivate", {role::coordinator},
             [state](const request& req, responder respond) { deactivate(*state, req, respond); });
  routes.add("PUT", "/api/v1/users/{id}/password", {role::coordinator},
             [state](const request& req, responder respond) { set_password(*state, req, respond); });
}

}  // namespace pedalpower::api::auth
