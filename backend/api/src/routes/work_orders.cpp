#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/work_orders.hpp"
#include "pedalpower/domain/workshop_queue.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_page.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

// Work orders from fault to fixed, what was done on them, faults reported by hand or at a kiosk, and
// the technician's queue.

namespace pedalpower::api {
namespace {

std::string work_order_location(std::int64_t id) { return "/api/v1/work-orders/" + std::to_string(id); }

void report_fault(const app& application, const request& req, const responder& respond)
{
  const auto bike_id = req.path_id("id");
  const auto fault = read_fault(json_body(req));
  const auto scope = site_scope_of(req);
  application.write(req, respond, [bike_id, fault, scope](db::connection& db, const domain::actor& who,
                                                          pedalpower::unix_seconds now) {
    const auto reported = domain::report_bike_fault(db, who, now, scope, bike_id, fault);
    if (!reported) return problem_response(reported.error());
    return created_response(reported.value(), work_order_location(reported->work_order_id));
  });
}

// Work orders are read whole and sorted here, as the JSON list does.
exportable_list work_order_list(const app& application)
{
  using kind = domain::column_kind;
  return {"work-orders",
          {{"id", "Id", kind::integer},
           {"bike_tag", "Bike"},
           {"bike_id", "Bike id", kind::integer},
           {"bike_model", "Bike model"},
           {"site_id", "Site id", kind::integer},
           {"category", "Category"},
           {"safety", "Safety"},
           {"status", "Status"},
           {"description", "Description"},
           {"reported_by", "Reported by"},
           {"reported_at", "Reported at", kind::date},
           {"updated_at", "Updated at", kind::date},
           {"signed_off_by", "Signed off by"},
           {"signed_off_at", "Signed off at", kind::date},
           {"closed_at", "Closed at", kind::date},
           {"supplier", "Supplier"},
           {"warranty_claim", "Warranty claim"},
           {"labour_minutes", "Labour (minutes)", kind::integer},
           {"parts_cost_pence", "Parts (pence)", kind::integer},
           {"supplier_cost_pence", "Supplier cost (pence)", kind::integer},
           {"cost_pence", "Cost (pence)", kind::integer},
           {"campaign_id", "Campaign id", kind::integer},
           {"notes", "Notes"}},
          [&application](const request& req, const domain::page_request& wanted) {
            domain::work_order_filter filter;
            filter.bike_id = query_id(req, "bike_id");
            filter.site_id = query_id(req, "site_id");
            filter.campaign_id = query_id(req, "campaign_id");
            filter.status = query_choice(req, "status", {"open", "in_progress", "awaiting_parts", "ready_for_check",
                                                         "closed", "written_off", "active"});
            filter.safety = query_flag(req, "safety");
            return list_page_of(domain::list_work_orders(application.reader(), filter), wanted,
                                {"id", "reported_at", "updated_at", "status", "bike_id", "site_id", "cost_pence"},
                                "-reported_at");
          }};
}

void create(const app& application, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::work_order_input input{required_int(body, "bike_id"),
                                       required_string(body, "category"),
                                       optional_bool(body, "safety"),
                                       optional_string(body, "description").value_or(""),
                                       std::nullopt,
                                       std::nullopt};
  application.write(req, respond, answer_created("/api/v1/work-orders", domain::open_work_order, input));
}

void update(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  for (const auto* fixed : {"status", "bike_id", "category", "safety"}) {
    if (body.contains(fixed)) {
      throw error(problem_kind::invalid, "not_editable", std::string(fixed) + " is not changed by PATCH", fixed);
    }
  }
  domain::work_order_changes changes{optional_string(body, "description"), optional_string(body, "supplier"),
                                     optional_int(body, "supplier_cost_pence"), optional_bool(body, "warranty_claim"),
                                     optional_string(body, "notes")};
  application.write(req, respond, answer_json(domain::update_work_order, id, changes));
}

void change_status(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  const auto status = required_string(body, "status");
  const auto note = optional_string(body, "note").value_or("");
  application.write(req, respond, answer_json(domain::change_work_order_status, id, status, note));
}

/// sign-off and write-off: an action with a note (the domain says whether it may be empty).
template <typename Action>
void act(const app& application, const request& req, const responder& respond, Action action)
{
  const auto id = req.path_id("id");
  const auto note = optional_string(optional_json_body(req), "note").value_or("");
  application.write(req, respond, [id, note, action](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    return json_or_problem(action(db, who, now, id, note));
  });
}

void add_labour(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  domain::labour_entry entry;
  entry.minutes = required_int(body, "minutes");
  entry.technician = optional_string(body, "technician").value_or(req.caller->name);
  entry.note = optional_string(body, "note").value_or("");
  application.write(req, respond, answer_created(work_order_location(id) + "/labour", domain::add_labour, id, entry));
}

void add_part(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  domain::part_used part;
  part.name = required_string(body, "name");
  part.part_number = optional_string(body, "part_number").value_or("");
  part.quantity = optional_int(body, "quantity").value_or(1);
  part.unit_cost_pence = required_int(body, "unit_cost_pence");
  application.write(req, respond, answer_created(work_order_location(id) + "/parts", domain::add_part, id, part));
}

template <typename Removal>
void remove(const app& application, const request& req, const responder& respond, const char* item_param,
            Removal removal)
{
  const auto id = req.path_id("id");
  const auto item = req.path_id(item_param);
  refuse_malformed_body(req);
  application.write(req, respond, [id, item, removal](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    return no_content_or_problem(removal(db, who, now, id, item));
  });
}

void queue(const app& application, const request& req, const responder& respond)
{
  const auto site_id = query_id(req, "site_id");
  const auto type = query_choice(req, "type", {"work_order", "service"});
  const auto items = domain::technician_queue(application.reader(), site_id, pedalpower::current_time());
  auto data = nlohmann::json::array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    nlohmann::json item = items[i];
    if (type && item.at("type") != *type) continue;
    item["position"] = i + 1;  // in the whole queue, so a filtered list still says what comes first
    data.push_back(std::move(item));
  }
  respond(list_answer(req, std::move(data), {"position"}, "position"));
}

}  // namespace

void add_work_order_routes(router& routes, const app& application)
{
  const auto workshop = {role::coordinator, role::technician};
  routes.add("POST", "/api/v1/bikes/{id}/faults", {role::coordinator, role::technician, role::kiosk},
             bind_app(application, report_fault));
  add_exportable_list(routes, application, "/api/v1/work-orders", workshop, work_order_list(application));
  routes.add("POST", "/api/v1/work-orders", workshop, bind_app(application, create));
  routes.add("GET", "/api/v1/work-orders/{id}", workshop,
             answer_found(application, domain::find_work_order));
  routes.add("PATCH", "/api/v1/work-orders/{id}", workshop, bind_app(application, update));
  routes.add("POST", "/api/v1/work-orders/{id}/status", workshop, bind_app(application, change_status));
  routes.add("POST", "/api/v1/work-orders/{id}/sign-off", {role::technician},
             [&application](const request& req, responder respond) {
               act(application, req, respond, domain::sign_off_safety_check);
             });
  routes.add("POST", "/api/v1/work-orders/{id}/write-off", {role::coordinator},
             [&application](const request& req, responder respond) {
               act(application, req, respond, domain::write_off_work_order);
             });
  routes.add("POST", "/api/v1/work-orders/{id}/labour", workshop, bind_app(application, add_labour));
  routes.add("DELETE", "/api/v1/work-orders/{id}/labour/{entry_id}", workshop,
             [&application](const request& req, responder respond) {
               remove(application, req, respond, "entry_id", domain::remove_labour);
             });
  routes.add("POST", "/api/v1/work-orders/{id}/parts", workshop, bind_app(application, add_part));
  routes.add("DELETE", "/api/v1/work-orders/{id}/parts/{part_id}", workshop,
             [&application](const request& req, responder respond) {
               remove(application, req, respond, "part_id", domain::remove_part);
             });
  routes.add("GET", "/api/v1/maintenance/queue", workshop, bind_app(application, queue));
}

}  // namespace pedalpower::api
