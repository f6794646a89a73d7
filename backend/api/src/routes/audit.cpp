#include "auth/access_state.hpp"
#include "pedalpower/api/app.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/audit.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_params.hpp"

namespace pedalpower::api::auth {
namespace {

domain::audit_filter filter_of(const request& req)
{
  return {query_text(req, "entity"), query_text(req, "entity_id"), query_text(req, "record"), query_text(req, "actor"),
          query_text(req, "action"), query_text(req, "from"),      query_text(req, "to")};
}

exportable_list audit_list(const app& application)
{
  using kind = domain::column_kind;
  return {"audit",
          {{"id", "Id", kind::integer},
           {"at", "At", kind::date},
           {"actor", "Actor"},
           {"action", "Action"},
           {"entity", "Entity"},
           {"entity_id", "Entity id"},
           {"before", "Before"},
           {"after", "After"}},
          [&application](const request& req, const domain::page_request& wanted) {
            return listed_page(domain::list_audit(application.reader(), filter_of(req), wanted));
          }};
}

}  // namespace

void add_audit_routes(router& routes, const app& application)
{
  add_exportable_list(routes, application, "/api/v1/audit", {role::coordinator}, audit_list(application));
}

}  // namespace pedalpower::api::auth
