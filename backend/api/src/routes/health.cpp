#include <nlohmann/json.hpp>

#include "openapi_document.hpp"
#include "pedalpower/api/app.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {

void add_health_routes(router& routes, const app& application)
{
  routes.add("GET", "/healthz", {}, [](const request&, responder respond) {
    respond(json_response({{"status", "ok"}}));
  });

  routes.add("GET", "/readyz", {}, [&application](const request&, responder respond) {
    if (application.ready()) {
      respond(json_response({{"status", "ready"}}));
    } else {
      respond(error_response(problem_kind::unavailable, "database_unavailable", "the database does not answer"));
    }
  });

  routes.add("GET", "/api/v1/openapi.json", {}, [](const request&, responder respond) {
    response answer;
    answer.body = openapi_document();
    respond(std::move(answer));
  });
}

}  // namespace pedalpower::api
