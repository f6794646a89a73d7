#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/auth/access.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/waitlist.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_params.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

/// A kiosk may see and change only the entries of the person identified at it.
std::optional<acting_for> kiosk_person(const request& req, const auth::access& identity)
{
  if (!req.caller || req.caller->kind != role::kiosk) return std::nullopt;
  auto person = identity.require_kiosk_staff(req);
  return acting_for{person.staff_id, std::move(person.checked)};
}

pedalpower::outcome<domain::waitlist_entry> entry_to_act_on(db::connection& db, std::int64_t entry_id,
                                                        const std::optional<acting_for>& kiosk_staff,
                                                        pedalpower::unix_seconds now)
{
  auto entry = domain::find_waitlist_entry(db, entry_id, now);
  if (entry && kiosk_staff && entry->staff_id != kiosk_staff->staff_id) {
    return pedalpower::problem{pedalpower::problem_kind::forbidden, "not_your_entry",
                           "A kiosk can only act on the waiting-list entries of the person identified at it.", ""};
  }
  return entry;
}

/// The page `wanted` of the queue as a coordinator sees it: who is waiting, in order, each entry
/// naming the person.
nlohmann::json waitlist_page(const app& application, const request& req, const domain::page_request& wanted)
{
  domain::waitlist_filter filter;
  filter.site_id = query_id(req, "site_id");
  filter.staff_id = query_id(req, "staff_id");
  filter.status = query_text(req, "status");
  filter.priority_tier = query_number(req, "priority_tier", 1, 100);
  auto& db = application.reader();
  auto listed = listed_page(domain::list_waitlist(db, filter, wanted, pedalpower::current_time()));
  for (auto& item : listed["data"]) {
    if (const auto member = domain::find_staff(db, item["staff_id"].get<std::int64_t>())) {
      item["staff"] = {{"id", member->id}, {"name", member->name}, {"staff_number", member->staff_number}};
    }
  }
  return listed;
}

exportable_list waitlist_list(const app& application)
{
  using kind = domain::column_kind;
  return {"waitlist",
          {{"id", "Id", kind::integer},
           {"staff_id", "Staff id", kind::integer},
           {"staff/staff_number", "Staff number"},
           {"staff/name", "Name"},
           {"site_id", "Site id", kind::integer},
           {"priority_tier", "Priority tier", kind::integer},
           {"position", "Position", kind::integer},
           {"status", "Status"},
           {"joined_at", "Joined at", kind::date},
           {"closed_at", "Closed at", kind::date}},
          [&application](const request& req, const domain::page_request& wanted) {
            return waitlist_page(application, req, wanted);
          }};
}

void join(const app& application, const auth::access& identity, const request& req, responder respond)
{
  const auto body = json_body(req);
  const auto person = acting_staff(req, identity, optional_int(body, "staff_id"));
  const auto named_site = optional_int(body, "site_id");
  const auto site = domain::acting_site(site_scope_of(req), named_site,
                                        "a kiosk puts people on the waiting list at its own site");
  if (!site) throw error(site.error());
  const auto site_id = site.value();
  application.write_for(
      req, person.at_kiosk(), std::move(respond),
      [person, site_id](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) -> response {
        return created_or_problem(
            domain::join_waitlist(db, acting_actor(db, who, person), now, person.staff_id, site_id),
            "/api/v1/waitlist");
      });
}

/// Takes the entry out of the queue: DELETE answers 204, the kiosk's POST .../leave the entry as it is now.
void leave(const app& application, const auth::access& identity, const request& req, responder respond)
{
  const bool deleting = req.method == "DELETE";
  const auto entry_id = req.path_id("id");
  const auto kiosk_staff = kiosk_person(req, identity);
  refuse_malformed_body(req);
  application.write_for(
      req, kiosk_staff ? kiosk_staff->at_kiosk() : std::nullopt, std::move(respond),
      [entry_id, kiosk_staff, deleting](db::connection& db, const domain::actor& who,
                                        pedalpower::unix_seconds now) -> response {
        const auto entry = entry_to_act_on(db, entry_id, kiosk_staff, now);
        if (!entry) return problem_response(entry.error());
        const auto left = domain::leave_waitlist(
            db, acting_actor(db, who, kiosk_staff.value_or(acting_for{entry->staff_id, std::nullopt})), now, entry_id);
        if (!left) return problem_response(left.error());
        return deleting ? no_content() : json_response(left.value());
      });
}

}  // namespace

void add_waitlist_routes(router& routes, const app& application, const auth::access& identity)
{
  add_exportable_list(routes, application, "/api/v1/waitlist", {role::coordinator}, waitlist_list(application));
  routes.add("POST", "/api/v1/waitlist", {role::coordinator, role::kiosk},
             [&application, &identity](const request& req, responder respond) {
               join(application, identity, req, std::move(respond));
             });
  routes.add("GET", "/api/v1/waitlist/{id}", {role::coordinator, role::kiosk},
             [&application, &identity](const request& req, responder respond) {
               respond(json_or_problem(entry_to_act_on(application.reader(), req.path_id("id"),
                                                       kiosk_person(req, identity), pedalpower::current_time())));
             });
  // DELETE for the admin pages; POST .../leave for kiosks, whose journal replays POSTs.
  for (const auto& [method, pattern] : {std::pair{"DELETE", "/api/v1/waitlist/{id}"},
                                        std::pair{"POST", "/api/v1/waitlist/{id}/leave"}}) {
    routes.add(method, pattern, {role::coordinator, role::kiosk},
               [&application, &identity](const request& req, responder respond) {
                 leave(application, identity, req, std::move(respond));
               });
  }
}

}  // namespace pedalpower::api
