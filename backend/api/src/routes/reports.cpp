#include <functional>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/domain/reports.hpp"
#include "routes/json_report_writer.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

/// `from` and `to` (months, required), `site_id`, `scope` and `ebike_wh_per_km`, with the server's
/// suppression threshold. Throws api::error (422 naming the parameter).
domain::report_request report_request_of(const request& req, const app& application)
{
  domain::report_request wanted;
  const auto from = req.query_param("from");
  const auto to = req.query_param("to");
  if (!from) throw error(422, "required", "from is required, a month YYYY-MM", "from");
  if (!to) throw error(422, "required", "to is required, a month YYYY-MM", "to");
  wanted.from = std::string(*from);
  wanted.to = std::string(*to);
  wanted.site_id = query_id(req, "site_id");
  if (const auto scope = req.query_param("scope")) {
    if (*scope == "with_well_to_tank") {
      wanted.scope = telematics::factor_scope::with_well_to_tank;
    } else if (*scope != "direct") {
      throw error(422, "invalid", "scope is direct or with_well_to_tank", "scope");
    }
  }
  if (const auto energy = query_decimal(req, "ebike_wh_per_km", "a number of watt-hours per km")) {
    wanted.ebike_wh_per_km = *energy;
  }
  wanted.suppress_below = application.config().report_suppress_below;
  wanted.made_at = domain::current_time();
  return wanted;
}

using report_function = std::function<domain::outcome<domain::done>(db::connection&, const domain::report_request&,
                                                                    domain::report_writer&)>;

/// A report as JSON, for coordinators and report authors, on the slow-route pool.
void add_report(router& routes, const app& application, const std::string& path, report_function report)
{
  routes.add("GET", path, {role::coordinator, role::reporter},
             [&application, report = std::move(report)](const request& req, responder respond) {
               const auto wanted = report_request_of(req, application);
               json_report_writer out;
               const auto made = report(application.reader(), wanted, out);
               respond(made ? json_response(out.document()) : problem_response(made.error()));
             });
  routes.mark_slow("GET", path);
}

}  // namespace

void add_report_routes(router& routes, const app& application, const auth::access& identity)
{
  add_report(routes, application, "/api/v1/reports/activity", domain::write_activity_report);
  add_report(routes, application, "/api/v1/reports/equity", domain::write_equity_report);
  add_report(routes, application, "/api/v1/reports/fleet-use", domain::write_fleet_use_report);
  // One person's statement: what a coordinator hands to a rider, or a report author checks.
  const auto statement = [&application](const request& req, std::int64_t staff_id, responder respond) {
    const auto wanted = report_request_of(req, application);
    json_report_writer out;
    const auto made = domain::write_rider_statement(application.reader(), staff_id, wanted, out);
    respond(made ? json_response(out.document()) : problem_response(made.error()));
  };
  routes.add("GET", "/api/v1/staff/{id}/statement", {role::coordinator, role::reporter},
             [statement](const request& req, responder respond) { statement(req, req.path_id("id"), std::move(respond)); });
  routes.mark_slow("GET", "/api/v1/staff/{id}/statement");
  // At the kiosk, a rider sees their own statement once identified there, and nobody else's.
  routes.add("GET", "/api/v1/kiosk/statement", {role::kiosk},
             [statement, &identity](const request& req, responder respond) {
               statement(req, acting_staff(req, identity, std::nullopt).staff_id, std::move(respond));
             });
  routes.mark_slow("GET", "/api/v1/kiosk/statement");
}

}  // namespace pedalpower::api
