#include <memory>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/auth/access.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/checkout_refusals.hpp"
#include "pedalpower/domain/loans.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_page.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

/// A kiosk renews only the loans of the person identified at it; nullopt for everyone else.
struct kiosk_borrower {
  std::optional<acting_for> person;

  static kiosk_borrower of(const request& req, const auth::access& identity)
  {
    if (!req.caller || req.caller->kind != role::kiosk) return {};
    auto identified = identity.require_kiosk_staff(req);
    return {acting_for{identified.staff_id, std::move(identified.checked)}};
  }

  /// Whoever is identified at the kiosk, if anyone: a return names them but does not need them.
  static kiosk_borrower if_identified(const request& req, const auth::access& identity)
  {
    auto identified = identity.kiosk_staff(req);
    if (!identified) return {};
    return {acting_for{identified->staff_id, std::move(identified->checked)}};
  }

  /// The loan, if this caller may act on it: 404 for no such loan, 403 for someone else's at a kiosk.
  pedalpower::outcome<domain::loan> loan_to_act_on(db::connection& db, std::int64_t loan_id) const
  {
    auto found = domain::find_loan(db, loan_id);
    if (found && person && found->staff_id != person->staff_id) {
      return pedalpower::problem{pedalpower::problem_kind::forbidden, "not_your_loan",
                             "A kiosk can only renew the loans of the person identified at it.", ""};
    }
    return found;
  }

  std::optional<std::int64_t> at_kiosk() const { return person ? person->at_kiosk() : std::nullopt; }

  domain::actor actor(db::connection& db, const domain::actor& caller) const
  {
    return person ? acting_actor(db, caller, *person) : caller;
  }
};

domain::return_input read_return(const request& req)
{
  const auto body = optional_json_body(req);
  domain::return_input input;
  input.loan_id = req.path_id("id");
  input.end_odometer_m = optional_int(body, "end_odometer_m");
  if (const auto condition = body.find("condition"); condition != body.end() && !condition->is_null()) {
    input.condition = *condition;
  }
  input.accessories_returned = string_list(body, "accessories_returned");
  if (const auto fault = body.find("fault"); fault != body.end() && !fault->is_null()) input.fault = read_fault(*fault);
  return input;
}

/// The returned loan, as every action answers the object it changed, with what became of the bike.
nlohmann::json receipt_json(const domain::return_receipt& receipt)
{
  nlohmann::json returned = receipt.returned;
  returned["bike_status"] = receipt.bike_status;
  returned["faults"] = receipt.faults;
  returned["offered_to_next_in_queue"] = receipt.offered.has_value();
  return returned;
}


void check_out(const app& application, const auth::access& identity, const request& req, responder respond)
{
  const auto body = json_body(req);
  domain::checkout_input input;
  const auto person = acting_staff(req, identity, optional_int(body, "staff_id"));
  input.staff_id = person.staff_id;
  input.bike_id = required_int(body, "bike_id");
  input.accessories = string_list(body, "accessories");
  input.terms_version = required_string(body, "terms_version");
  input.start_odometer_m = optional_int(body, "start_odometer_m");
  input.where = site_scope_of(req);
  // The scheme's refusal, kept for the record written once the request's changes are undone.
  auto refused = std::make_shared<domain::checkout_refusal>();
  refused->staff_id = input.staff_id;
  refused->bike_id = input.bike_id;
  if (req.caller && req.caller->kind == role::kiosk) refused->device_id = req.caller->id;
  if (const auto key = req.header("idempotency-key")) refused->idempotency_key = std::string(*key);
  application.write_for(
      req, person.at_kiosk(), std::move(respond),
      [input, person, refused](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) -> response {
        const auto lent = domain::loan_service::check_out(db, acting_actor(db, who, person), now, input);
        if (!lent) {
          if (lent.error().kind == pedalpower::problem_kind::refused) refused->reason = lent.error().code;
          return problem_response(lent.error());
        }
        return created_response(lent.value(), "/api/v1/loans/" + std::to_string(lent->id));
      },
      [refused](db::connection& db, const domain::actor&, pedalpower::unix_seconds now, const response&) {
        if (!refused->reason.empty()) domain::record_checkout_refusal(db, now, *refused);
      });
}

// Whoever brings a bike back to a kiosk may return it, at any site: the bike is there, and it stays
// at the kiosk's site. The audit names the person identified at the kiosk, if anyone is.
void return_bike(const app& application, const auth::access& identity, const request& req, responder respond)
{
  auto input = read_return(req);
  input.returned_at_site = site_scope_of(req).kiosk_site;
  const auto returner = kiosk_borrower::if_identified(req, identity);
  application.write_for(
      req, returner.at_kiosk(), std::move(respond),
      [input, returner](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) -> response {
        const auto receipt = domain::loan_service::return_bike(db, returner.actor(db, who), now, input);
        if (!receipt) return problem_response(receipt.error());
        return json_response(receipt_json(receipt.value()));
      });
}

void renew(const app& application, const auth::access& identity, const request& req, responder respond)
{
  const auto loan_id = req.path_id("id");
  const auto borrower = kiosk_borrower::of(req, identity);
  refuse_malformed_body(req);
  application.write_for(
      req, borrower.at_kiosk(), std::move(respond),
      [loan_id, borrower](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) -> response {
        if (const auto lent = borrower.loan_to_act_on(db, loan_id); !lent) {
          return problem_response(lent.error());
        }
        const auto renewed = domain::loan_service::renew(db, borrower.actor(db, who), now, loan_id);
        if (!renewed) return problem_response(renewed.error());
        return json_response(renewed.value());
      });
}

void mark_lost(const app& application, const request& req, responder respond)
{
  const auto loan_id = req.path_id("id");
  const auto note = optional_string(optional_json_body(req), "note").value_or("");
  application.write(req, std::move(respond),
                    [loan_id, note](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) -> response {
                      const auto lost = domain::loan_service::mark_lost(db, who, now, loan_id, note);
                      if (!lost) return problem_response(lost.error());
                      return json_response(lost.value());
                    });
}

/// The page `wanted` of the loans matching the query; `overdue_only` for the overdue list, whose
/// items say by how many days.
nlohmann::json loan_page(const app& application, const request& req, const domain::page_request& wanted,
                         bool overdue_only)
{
  const auto now = pedalpower::current_time();
  domain::loan_filter filter;
  filter.staff_id = query_id(req, "staff_id");
  filter.bike_id = query_id(req, "bike_id");
  filter.site_id = query_id(req, "site_id");
  if (overdue_only) {
    filter.overdue_at = now;
  } else {
    filter.status = query_choice(req, "status", {"active", "returned", "lost"});
    if (query_flag(req, "overdue").value_or(false)) filter.overdue_at = now;
    if (const auto days = query_number(req, "due_within_days", 1, 366)) {
      filter.due_between = {now, now + std::int64_t{*days} * pedalpower::seconds_per_day};
    }
  }
  // Who borrowed is for coordinators, who run the scheme; technicians chase bikes by the loan alone.
  const auto names = req.caller && req.caller->kind == role::coordinator ? domain::borrower_names::included
                                                                          : domain::borrower_names::left_out;
  const auto page = domain::list_loans(application.reader(), filter, wanted, names);
  auto listed = listed_page(page);
  if (filter.overdue_at) {
    for (std::size_t i = 0; i < page->items.size(); ++i) {
      listed["data"][i]["days_overdue"] = (now - page->items[i].due_at) / pedalpower::seconds_per_day;
    }
  }
  return listed;
}

exportable_list loan_list(const app& application, std::string name, bool overdue_only)
{
  using kind = domain::column_kind;
  return {std::move(name),
          {{"id", "Id", kind::integer},
           {"staff_id", "Staff id", kind::integer},
           {"staff_number", "Staff number"},
           {"staff_name", "Borrower"},
           {"bike_tag", "Bike"},
           {"bike_id", "Bike id", kind::integer},
           {"site_code", "Site"},
           {"site_id", "Site id", kind::integer},
           {"status", "Status"},
           {"checked_out_at", "Checked out at", kind::date},
           {"due_at", "Due at", kind::date},
           {"returned_at", "Returned at", kind::date},
           {"days_overdue", "Days overdue", kind::integer},
           {"renewals", "Renewals", kind::integer},
           {"start_odometer_m", "Start odometer (m)", kind::integer},
           {"end_odometer_m", "End odometer (m)", kind::integer},
           {"distance_km", "Distance (km)", kind::decimal, 1},
           {"terms_version", "Terms version"},
           {"policy_version_id", "Policy version id", kind::integer},
           {"weekly_fee_pence", "Weekly fee (pence)", kind::integer},
           {"deposit_pence", "Deposit (pence)", kind::integer},
           {"created_by", "Created by"}},
          [&application, overdue_only](const request& req, const domain::page_request& wanted) {
            return loan_page(application, req, wanted, overdue_only);
          }};
}

}  // namespace

void add_loan_routes(router& routes, const app& application, const auth::access& identity)
{
  routes.add("POST", "/api/v1/loans", {role::coordinator, role::kiosk},
             [&application, &identity](const request& req, responder respond) {
               check_out(application, identity, req, std::move(respond));
             });
  routes.add("POST", "/api/v1/loans/{id}/return", {role::coordinator, role::technician, role::kiosk},
             [&application, &identity](const request& req, responder respond) {
               return_bike(application, identity, req, std::move(respond));
             });
  routes.add("POST", "/api/v1/loans/{id}/renew", {role::coordinator, role::kiosk},
             [&application, &identity](const request& req, responder respond) {
               renew(application, identity, req, std::move(respond));
             });
  routes.add("POST", "/api/v1/loans/{id}/lost", {role::coordinator},
             [&application](const request& req, responder respond) { mark_lost(application, req, std::move(respond)); });

  // Who has which bike is personal data: coordinators run the scheme; technicians need it to
  // chase a bike and take returns. Report authors get aggregates elsewhere.
  add_exportable_list(routes, application, "/api/v1/loans", {role::coordinator, role::technician},
                      loan_list(application, "loans", false));
  add_exportable_list(routes, application, "/api/v1/loans/overdue", {role::coordinator},
                      loan_list(application, "overdue-loans", true));
  routes.add("GET", "/api/v1/loans/{id}", {role::coordinator, role::technician},
             answer_found(application, domain::find_loan));
}

}  // namespace pedalpower::api
