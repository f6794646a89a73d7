#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/campaigns.hpp"
#include "pedalpower/domain/fleet_figures.hpp"
#include "domain_answers.hpp"
#include "routes/list_page.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

// Recall and inspection campaigns, and the fleet's maintenance figures.

namespace pedalpower::api {
namespace {

void list_campaigns(const app& application, const request& req, const responder& respond)
{
  respond(list_answer(req, domain::list_campaigns(application.reader()), {"id", "created_at", "model", "title"},
                      "-created_at"));
}

void launch_campaign(const app& application, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::campaign_input input{required_string(body, "title"), required_string(body, "kind"),
                                     required_string(body, "model"), optional_bool(body, "safety").value_or(true),
                                     optional_string(body, "description").value_or("")};
  application.write(req, respond, answer_created("/api/v1/campaigns", domain::launch_campaign, input));
}

void figures(const app& application, const request& req, const responder& respond)
{
  domain::figures_filter filter;
  const auto from = req.query_param("from");
  const auto to = req.query_param("to");
  if (!from) throw error(problem_kind::invalid, "required", "from is required", "from");
  if (!to) throw error(problem_kind::invalid, "required", "to is required", "to");
  filter.from = std::string(*from);
  filter.to = std::string(*to);
  filter.site_id = query_id(req, "site_id");
  if (const auto model = req.query_param("model")) filter.model = std::string(*model);
  respond(json_or_problem(domain::compute_fleet_figures(application.reader(), filter)));
}

}  // namespace

void add_campaign_routes(router& routes, const app& application)
{
  routes.add("GET", "/api/v1/campaigns", {role::coordinator, role::technician}, bind_app(application, list_campaigns));
  routes.add("POST", "/api/v1/campaigns", {role::coordinator}, bind_app(application, launch_campaign));
  routes.add("GET", "/api/v1/campaigns/{id}", {role::coordinator, role::technician},
             answer_found(application, domain::find_campaign));
  routes.add("GET", "/api/v1/maintenance/figures", {role::coordinator, role::reporter}, bind_app(application, figures));
}

}  // namespace pedalpower::api
