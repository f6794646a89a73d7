#include <functional>
#include <optional>
#include <string>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/domain/reports.hpp"
#include "files/file_answer.hpp"
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
  if (!from) throw error(problem_kind::invalid, "required", "from is required, a month YYYY-MM", "from");
  if (!to) throw error(problem_kind::invalid, "required", "to is required, a month YYYY-MM", "to");
  wanted.from = std::string(*from);
  wanted.to = std::string(*to);
  wanted.site_id = query_id(req, "site_id");
  if (const auto scope = req.query_param("scope")) {
    if (*scope == "with_well_to_tank") {
      wanted.scope = telematics::factor_scope::with_well_to_tank;
    } else if (*scope != "direct") {
      throw error(problem_kind::invalid, "invalid", "scope is direct or with_well_to_tank", "scope");
    }
  }
  if (const auto energy = query_decimal(req, "ebike_wh_per_km", "a number of watt-hours per km")) {
    wanted.ebike_wh_per_km = *energy;
  }
  wanted.suppress_below = application.config().report_suppress_below;
  return wanted;
}

using report_function = std::function<pedalpower::outcome<pedalpower::done>(db::connection&, const domain::report_request&,
                                                                    domain::report_writer&)>;

/// The report `write` makes, in the format the request asks for (JSON, CSV, XLSX or ODS), or the
/// problem it found in the request before writing anything.
response report_or_problem(const app& application, const request& req, std::string_view file_stem,
                           const std::function<pedalpower::outcome<pedalpower::done>(domain::report_writer&)>& write)
{
  std::optional<pedalpower::problem> refused;
  auto answer = report_answer(application, req, file_stem, [&](domain::report_writer& out) {
    auto made = write(out);
    if (!made) refused = made.error();
  });
  return refused ? problem_response(*refused) : answer;
}

/// A report for coordinators and report authors, on the slow-route pool, also at .csv, .xlsx and .ods.
void add_report(router& routes, const app& application, const std::string& path, report_function report)
{
  const auto stem = path.substr(path.rfind('/') + 1);
  add_report_route(routes, path, {role::coordinator, role::reporter},
                   [&application, report = std::move(report), stem](const request& req, responder respond) {
                     const auto wanted = report_request_of(req, application);
                     respond(report_or_problem(application, req, stem + "-" + wanted.from + "-to-" + wanted.to,
                                               [&](domain::report_writer& out) {
                                                 return report(application.reader(), wanted, out);
                                               }));
                   });
}

}  // namespace

void add_report_routes(router& routes, const app& application, const auth::access& identity)
{
  add_report(routes, application, "/api/v1/reports/activity", domain::write_activity_report);
  add_report(routes, application, "/api/v1/reports/equity", domain::write_equity_report);
  add_report(routes, application, "/api/v1/reports/fleet-use", domain::write_fleet_use_report);
  // One person's statement: what a coordinator hands to a rider.
  const auto statement = [&application](const request& req, std::int64_t staff_id, responder respond) {
    const auto wanted = report_request_of(req, application);
    const auto stem = "statement-" + std::to_string(staff_id) + "-" + wanted.from + "-to-" + wanted.to;
    respond(report_or_problem(application, req, stem,
                              [&](domain::report_writer& out) {
                                return domain::write_rider_statement(application.reader(), staff_id, wanted, out);
                              }));
  };
  // A person's own loans and commute are personal data: report authors read aggregates only.
  add_report_route(routes, "/api/v1/staff/{id}/statement", {role::coordinator},
                   [statement](const request& req, responder respond) {
                     statement(req, req.path_id("id"), std::move(respond));
                   });
  // At the kiosk, a rider sees their own statement once identified there, and nobody else's.
  add_report_route(routes, "/api/v1/kiosk/statement", {role::kiosk},
                   [statement, &identity](const request& req, responder respond) {
                     statement(req, acting_staff(req, identity, std::nullopt).staff_id, std::move(respond));
                   });
}

}  // namespace pedalpower::api
