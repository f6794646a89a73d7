#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/components.hpp"
#include "pedalpower/domain/servicing.hpp"
#include "domain_answers.hpp"
#include "routes/list_page.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

// Servicing schedules, services done and what is due on a bike, and batteries and chargers.

namespace pedalpower::api {
namespace {

const std::initializer_list<std::string_view> kinds{"safety_check", "full_service", "charger_pat", "battery_check"};

/// Every interval field, as a PATCH or POST body gives them: absent fields keep `current`, null clears.
domain::service_interval read_interval(const nlohmann::json& body, domain::service_interval current)
{
  const auto every = [&body](const char* field, std::optional<std::int64_t>& into) {
    if (body.contains(field)) into = optional_int(body, field);
  };
  every("every_km", current.every_km);
  every("every_days", current.every_days);
  every("every_cycles", current.every_cycles);
  current.due_soon_km = optional_int(body, "due_soon_km").value_or(current.due_soon_km);
  current.due_soon_days = optional_int(body, "due_soon_days").value_or(current.due_soon_days);
  current.due_soon_cycles = optional_int(body, "due_soon_cycles").value_or(current.due_soon_cycles);
  return current;
}

void list_schedules(const app& application, const request& req, const responder& respond)
{
  domain::schedule_filter filter;
  filter.kind = query_choice(req, "kind", kinds);
  if (const auto model = req.query_param("model")) filter.model = std::string(*model);
  filter.bike_id = query_id(req, "bike_id");
  respond(list_answer(req, domain::list_schedules(application.reader(), filter), {"id", "kind", "scope", "updated_at"},
                      "id"));
}

void create_schedule(const app& application, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  domain::service_schedule schedule;
  schedule.kind = required_string(body, "kind");
  schedule.model = optional_string(body, "model");
  schedule.bike_id = optional_int(body, "bike_id");
  static_cast<domain::service_interval&>(schedule) = read_interval(body, {});
  application.write(req, respond, answer_created("/api/v1/service-schedules", domain::create_schedule, schedule));
}

void update_schedule(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  for (const auto* fixed : {"kind", "model", "bike_id"}) {
    if (body.contains(fixed)) throw error(problem_kind::invalid, "not_editable", std::string(fixed) + " is not changed by PATCH", fixed);
  }
  read_interval(body, {});  // the types, before the write
  application.write(req, respond,
                    answer_patched(id, domain::find_schedule, domain::update_schedule,
                                   [body](const domain::service_schedule& current) {
                                     return read_interval(body, current);
                                   }));
}

void bike_servicing(const app& application, const request& req, const responder& respond)
{
  const auto found = domain::servicing_of_bike(application.reader(), req.path_id("id"), pedalpower::current_time());
  if (!found) {
    respond(problem_response(found.error()));
    return;
  }
  respond(list_answer(req, found.value(), {"kind", "state"}, "kind"));
}

void service_history(const app& application, const request& req, const responder& respond)
{
  const auto bike_id = req.path_id("id");
  if (const auto bike = domain::find_bike(application.reader(), bike_id); !bike) {
    respond(problem_response(bike.error()));
    return;
  }
  respond(list_answer(req, domain::service_history(application.reader(), bike_id), {"id", "done_at", "kind"},
                      "-done_at"));
}

void get_service(const app& application, const request& req, const responder& respond)
{
  const auto bike_id = req.path_id("id");
  const auto service_id = req.path_id("service_id");
  for (const auto& record : domain::service_history(application.reader(), bike_id)) {
    if (record.id == service_id) {
      respond(json_response(record));
      return;
    }
  }
  respond(error_response(problem_kind::not_found, "service_not_found", "this bike has no service " + std::to_string(service_id)));
}

void record_service(const app& application, const request& req, const responder& respond)
{
  const auto bike_id = req.path_id("id");
  const auto body = json_body(req);
  domain::service_input input;
  input.bike_id = bike_id;
  input.kind = required_string(body, "kind");
  input.component_id = optional_int(body, "component_id");
  input.notes = optional_string(body, "notes").value_or("");
  application.write(req, respond, answer_created("/api/v1/bikes/" + std::to_string(input.bike_id) + "/services",
                                                 domain::record_service, input));
}

void list_components(const app& application, const request& req, const responder& respond)
{
  domain::component_filter filter;
  filter.kind = query_choice(req, "kind", {"battery", "charger"});
  filter.bike_id = query_id(req, "bike_id");
  if (const auto q = req.query_param("q")) filter.serial_contains = std::string(*q);
  respond(list_answer(req, domain::list_components(application.reader(), filter),
                      {"id", "kind", "serial", "cycle_count", "health_pct", "updated_at"}, "serial"));
}

void create_component(const app& application, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  domain::component_input input{required_string(body, "kind"),       required_string(body, "serial"),
                                optional_string(body, "model").value_or(""), optional_int(body, "cycle_count"),
                                optional_int(body, "health_pct"),    optional_int(body, "bike_id")};
  application.write(req, respond, answer_created("/api/v1/components", domain::create_component, input));
}

void update_component(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  for (const auto* fixed : {"kind", "serial", "bike_id"}) {
    if (body.contains(fixed)) throw error(problem_kind::invalid, "not_editable", std::string(fixed) + " is not changed by PATCH", fixed);
  }
  const domain::component_changes changes{optional_string(body, "model"), optional_int(body, "cycle_count"),
                                          optional_int(body, "health_pct")};
  application.write(req, respond, answer_json(domain::update_component, id, changes));
}

void fit_component(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto bike_id = required_int(json_body(req), "bike_id");
  application.write(req, respond, answer_json(domain::fit_component, id, bike_id));
}

}  // namespace

void add_servicing_routes(router& routes, const app& application)
{
  const auto workshop = {role::coordinator, role::technician};
  routes.add("GET", "/api/v1/service-schedules", workshop, bind_app(application, list_schedules));
  routes.add("POST", "/api/v1/service-schedules", {role::coordinator}, bind_app(application, create_schedule));
  routes.add("GET", "/api/v1/service-schedules/{id}", workshop,
             answer_found(application, domain::find_schedule));
  routes.add("PATCH", "/api/v1/service-schedules/{id}", {role::coordinator}, bind_app(application, update_schedule));
  routes.add("DELETE", "/api/v1/service-schedules/{id}", {role::coordinator},
             answer_deleted(application, domain::delete_schedule));
  routes.add("GET", "/api/v1/bikes/{id}/servicing", workshop, bind_app(application, bike_servicing));
  routes.add("GET", "/api/v1/bikes/{id}/services", workshop, bind_app(application, service_history));
  routes.add("POST", "/api/v1/bikes/{id}/services", workshop, bind_app(application, record_service));
  routes.add("GET", "/api/v1/bikes/{id}/services/{service_id}", workshop, bind_app(application, get_service));
  routes.add("GET", "/api/v1/components", workshop, bind_app(application, list_components));
  routes.add("POST", "/api/v1/components", workshop, bind_app(application, create_component));
  routes.add("GET", "/api/v1/components/{id}", workshop,
             answer_found(application, domain::find_component));
  routes.add("PATCH", "/api/v1/components/{id}", workshop, bind_app(application, update_component));
  routes.add("POST", "/api/v1/components/{id}/fit", workshop, bind_app(application, fit_component));
  routes.add("POST", "/api/v1/components/{id}/remove", workshop, answer_changed(application, domain::remove_component));
}

}  // namespace pedalpower::api
