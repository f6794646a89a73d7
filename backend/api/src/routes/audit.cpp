#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/audit.hpp"
#include "routes/list_params.hpp"

namespace pedalpower::api::auth {
namespace {

void read_log(const app& application, const request& req, const responder& respond)
{
  domain::audit_filter filter;
  filter.entity = query_text(req, "entity");
  filter.entity_id = query_text(req, "entity_id");
  filter.actor = query_text(req, "actor");
  filter.action = query_text(req, "action");
  filter.from = query_text(req, "from");
  filter.to = query_text(req, "to");
  respond(list_response(domain::list_audit(application.reader(), filter, page_request_of(req))));
}

}  // namespace

void add_audit_routes(router& routes, const app& application)
{
  routes.add("GET", "/api/v1/audit", {role::coordinator},
             [&application](const request& req, responder respond) { read_log(application, req, respond); });
}

}  // namespace pedalpower::api::auth
