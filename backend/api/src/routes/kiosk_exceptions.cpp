#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/kiosk_exceptions.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_params.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

namespace pedalpower::api {
namespace {

domain::kiosk_exception_report report_from(const nlohmann::json& body)
{
  domain::kiosk_exception_report report;
  report.idempotency_key = required_string(body, "idempotency_key");
  report.kind = required_string(body, "kind");
  report.bike_tag = optional_string(body, "bike_tag").value_or("");
  report.staff_id = optional_int(body, "staff_id");
  report.recorded_at = required_int(body, "recorded_at");
  if (body.contains("payload")) report.payload = body.at("payload");
  if (body.contains("refusal")) report.refusal = body.at("refusal");
  return report;
}

void record(const app& application, const request& req, const responder& respond)
{
  const auto report = report_from(json_body(req));
  const auto device_id = req.caller->id;
  application.write(req, respond,
                    answer_created("/api/v1/kiosk/exceptions", domain::record_kiosk_exception, device_id, report));
}

exportable_list exception_list(const app& application)
{
  using kind = domain::column_kind;
  return {"kiosk-exceptions",
          {{"id", "Id", kind::integer},
           {"device_id", "Kiosk id", kind::integer},
           {"kind", "Kind"},
           {"bike_tag", "Bike tag"},
           {"staff_id", "Staff id", kind::integer},
           {"recorded_at", "Recorded at", kind::date},
           {"reported_at", "Reported at", kind::date},
           {"status", "Status"},
           {"refusal", "Refusal"},
           {"resolved_at", "Resolved at", kind::date},
           {"resolved_by", "Resolved by"},
           {"resolution_note", "Resolution note"}},
          [&application](const request& req, const domain::page_request& wanted) {
            domain::kiosk_exception_filter filter;
            filter.status = query_text(req, "status");
            if (filter.status && *filter.status != "open" && *filter.status != "resolved") {
              throw error(problem_kind::invalid, "invalid", "status must be open or resolved", "status");
            }
            filter.kind = query_text(req, "kind");
            filter.device_id = query_id(req, "device_id");
            return listed_page(domain::list_kiosk_exceptions(application.reader(), filter, wanted));
          }};
}

void resolve(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto note = optional_string(optional_json_body(req), "note").value_or("");
  application.write(req, respond, [id, note](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    const auto resolved = domain::resolve_kiosk_exception(db, who, now, id, note);
    if (!resolved) return problem_response(resolved.error());
    return json_response(resolved.value());
  });
}

}  // namespace

void add_kiosk_exception_routes(router& routes, const app& application)
{
  routes.add("POST", "/api/v1/kiosk/exceptions", {role::kiosk}, bind_app(application, record));
  add_exportable_list(routes, application, "/api/v1/kiosk/exceptions", {role::coordinator},
                      exception_list(application));
  routes.add("GET", "/api/v1/kiosk/exceptions/{id}", {role::coordinator},
             answer_found(application, domain::find_kiosk_exception));
  routes.add("POST", "/api/v1/kiosk/exceptions/{id}/resolve", {role::coordinator}, bind_app(application, resolve));
}

}  // namespace pedalpower::api
