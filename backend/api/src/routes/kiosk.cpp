#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/auth/access.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/checkout_offer.hpp"
#include "pedalpower/domain/loans.hpp"
#include "pedalpower/domain/trips.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

/// The loan a bike brought back to a kiosk is on, found by the tag the kiosk scanned. Only what a
/// return needs: not who borrowed it.
response active_loan_of_bike(db::connection& db, const std::string& asset_tag)
{
  const auto bike = domain::find_bike_by_tag(db, asset_tag);
  if (!bike) return problem_response(bike.error());
  domain::loan_filter on_loan;
  on_loan.bike_id = bike->id;
  on_loan.status = "active";
  const auto loans = domain::list_loans(db, on_loan);
  if (loans.empty()) return error_response(problem_kind::not_found, "no_active_loan", "This bike is not on loan.");
  const auto& lent = loans.front();
  auto accessories = nlohmann::json::array();
  for (const auto& item : lent.accessories) accessories.push_back(item.kind);
  return json_response({{"id", lent.id},
                        {"bike_id", lent.bike_id},
                        {"asset_tag", bike->asset_tag},
                        {"checked_out_at", pedalpower::iso8601(lent.checked_out_at)},
                        {"due_at", pedalpower::iso8601(lent.due_at)},
                        {"accessories", std::move(accessories)}});
}

/// What one loan did (trips, km, CO2e), for its rider only: the person identified at the kiosk.
response loan_figures_for_rider(db::connection& db, std::int64_t loan_id, std::int64_t rider)
{
  const auto lent = domain::find_loan(db, loan_id);
  // Someone else's loan is answered as no loan at all, so loan ids cannot be probed from a kiosk.
  if (!lent || lent->staff_id != rider) {
    return error_response(problem_kind::not_found, "loan_not_found", "there is no loan " + std::to_string(loan_id) + " of yours");
  }
  const auto trips = domain::loan_trips(db, loan_id, domain::emissions_basis{});
  if (!trips) return problem_response(trips.error());
  nlohmann::json figures = domain::totals_of(trips.value());
  figures["loan_id"] = loan_id;
  return json_response(figures);
}

}  // namespace

void add_kiosk_routes(router& routes, const app& application, const auth::access& identity)
{
  // The whole checkout screen in one answer. A kiosk asks for the person identified at it and its own
  // site; a coordinator at the desk names both.
  routes.add("GET", "/api/v1/kiosk/offer", {role::kiosk, role::coordinator},
             [&application, &identity](const request& req, responder respond) {
               const auto staff_id = acting_staff(req, identity, query_id(req, "staff_id")).staff_id;
               const auto named_site = query_id(req, "site_id");
               const auto site = domain::acting_site(site_scope_of(req), named_site,
                                                     "a kiosk shows the offer at its own site");
               if (!site) throw error(site.error());
               respond(json_or_problem(domain::make_checkout_offer(application.reader(), staff_id, site.value(),
                                                              pedalpower::current_time())));
             });
  routes.add("GET", "/api/v1/kiosk/loans/{id}/figures", {role::kiosk},
             [&application, &identity](const request& req, responder respond) {
               const auto rider = identity.require_kiosk_staff(req).staff_id;
               respond(loan_figures_for_rider(application.reader(), req.path_id("id"), rider));
             });
  routes.mark_slow("GET", "/api/v1/kiosk/loans/{id}/figures");
  routes.add("GET", "/api/v1/kiosk/bikes/{tag}/active-loan", {role::kiosk, role::coordinator},
             [&application](const request& req, responder respond) {
               respond(active_loan_of_bike(application.reader(), req.path_param("tag")));
             });
}

}  // namespace pedalpower::api
