#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/domain/sites.hpp"
#include "domain_answers.hpp"
#include "routes/list_params.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

namespace pedalpower::api {
namespace {

struct site_patch {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<std::string> address;

  static site_patch read(const nlohmann::json& body)
  {
    return {optional_string(body, "code"), optional_string(body, "name"), optional_string(body, "address")};
  }

  /// `details` with the fields this patch gives changed.
  domain::site_details operator()(domain::site_details details) const
  {
    if (code) details.code = *code;
    if (name) details.name = *name;
    if (address) details.address = *address;
    return details;
  }
};

void list(const app& application, const request& req, const responder& respond)
{
  respond(list_response(domain::list_sites(application.reader(), query_text(req, "q").value_or(""), page_request_of(req))));
}

void create(const app& application, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::site_details details{required_string(body, "code"), required_string(body, "name"),
                                     optional_string(body, "address").value_or("")};
  application.write(req, respond, answer_created("/api/v1/sites", domain::create_site, details));
}

void update(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto patch = site_patch::read(json_body(req));
  application.write(req, respond, answer_patched(id, domain::find_site, domain::update_site, patch));
}

}  // namespace

void add_sites_routes(router& routes, const app& application)
{
  const auto everyone = {role::coordinator, role::technician, role::reporter, role::kiosk};
  routes.add("GET", "/api/v1/sites", everyone, bind_app(application, list));
  routes.add("GET", "/api/v1/sites/{id}", everyone,
             answer_found(application, domain::find_site));
  routes.add("POST", "/api/v1/sites", {role::coordinator}, bind_app(application, create));
  routes.add("PATCH", "/api/v1/sites/{id}", {role::coordinator}, bind_app(application, update));
}

}  // namespace pedalpower::api
