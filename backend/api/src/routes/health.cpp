#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
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
      respond(error_response(503, "database_unavailable", "the database does not answer"));
    }
  });

  std::ostringstream document;
  if (std::ifstream file(application.config().openapi_path); file) document << file.rdbuf();
  routes.add("GET", "/api/v1/openapi.json", {}, [text = document.str()](const request&, responder respond) {
    if (text.empty()) throw error(404, "not_found", "the OpenAPI document is not installed");
    response answer;
    answer.body = text;
    respond(std::move(answer));
  });
}

}  // namespace pedalpower::api
