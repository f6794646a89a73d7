#include <nlohmann/json.hpp>

#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/core/secrets.hpp"
#include "pedalpower/domain/users.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_params.hpp"

namespace pedalpower::api::auth {
namespace {

exportable_list user_list(const app& application)
{
  using kind = domain::column_kind;
  return {"users",
          {{"id", "Id", kind::integer},
           {"username", "Username"},
           {"display_name", "Name"},
           {"role", "Role"},
           {"active", "Active"},
           {"email", "Email"},
           {"site_id", "Site id", kind::integer},
           {"report_packs", "Sent the report packs"},
           {"created_at", "Created at", kind::date}},
          [&application](const request& req, const domain::page_request& wanted) {
            domain::user_filter filter;
            filter.role = query_text(req, "role");
            filter.active = query_flag(req, "active");
            return listed_page(domain::list_users(application.reader(), filter, wanted));
          }};
}

void create(access_state& state, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::new_user details{required_string(body, "username"), required_string(body, "display_name"),
                                 required_string(body, "role")};
  const domain::user_contact contact{optional_string(body, "email").value_or(""), optional_int(body, "site_id"),
                                     optional_bool(body, "report_packs")};
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
  state.run_slow(respond, [req = secret_masked(req, "password"), details, contact, password](access_state& shared,
                                                                                             const responder& answer) {
    shared.application.write(req, answer,
                             [details, contact, hash = pedalpower::hash_secret(password), acting = req.caller->id](
                                 db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
                               if (auto refused = domain::check_acting_coordinator(db, acting)) {
                                 return problem_response(*refused);
                               }
                               return created_or_problem(domain::create_user(db, who, now, details, hash, contact),
                                                         "/api/v1/users");
                             });
  });
}

/// Deactivates or reactivates an account ({"active": false|true}, as for staff and devices), changes
/// its role, where its mail goes ({"email", "report_packs"}) and the site a technician serves
/// ({"site_id"}, null for every site): any of these, in one change.
void update(const access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  domain::user_changes changes{optional_string(body, "role"), optional_bool(body, "active"),
                               optional_string(body, "email"), optional_bool(body, "report_packs"), std::nullopt};
  if (body.contains("site_id")) changes.site_id = optional_int(body, "site_id");
  if (!changes.role && !changes.active && !changes.email && !changes.report_packs && !changes.site_id) {
    throw error(problem_kind::invalid, "required", "send active, role, email, report_packs or site_id", "active");
  }
  state.application.write(req, respond,
                          [id, changes, acting = req.caller->id](db::connection& db, const domain::actor& who,
                                                                 pedalpower::unix_seconds now) {
                            return json_or_problem(domain::change_user(db, who, now, id, changes, acting));
                          });
}

void set_password(access_state& state, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  if (id == req.caller->id) {
    throw error(problem_kind::conflict, "own_password",
                "change your own password with POST /api/v1/auth/password, which asks for the current one", "id");
  }
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
  state.store_secret(
      req, respond, "password", password,
      [id, acting = req.caller->id](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now,
                                    const std::string& hash) -> outcome<done> {
        if (auto refused = domain::check_acting_coordinator(db, acting)) return *refused;
        return domain::set_user_password(db, who, now, id, hash);
      });
}

}  // namespace

void add_user_routes(router& routes, const std::shared_ptr<access_state>& state)
{
  add_exportable_list(routes, state->application, "/api/v1/users", {role::coordinator}, user_list(state->application));
  routes.add("POST", "/api/v1/users", {role::coordinator},
             [state](const request& req, responder respond) { create(*state, req, respond); });
  routes.add("GET", "/api/v1/users/{id}", {role::coordinator},
             answer_found(state->application, domain::find_user));
  routes.add("PATCH", "/api/v1/users/{id}", {role::coordinator},
             [state](const request& req, responder respond) { update(*state, req, respond); });
  routes.add("PUT", "/api/v1/users/{id}/password", {role::coordinator},
             [state](const request& req, responder respond) { set_password(*state, req, respond); });
}

}  // namespace pedalpower::api::auth
