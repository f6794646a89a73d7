#include <memory>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "routes/answer_cache.hpp"
#include "routes/list_params.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

namespace pedalpower::api {
namespace {

domain::bike_status status_named(const std::string& text, const std::string& field)
{
  const auto status = domain::bike_status_from_string(text);
  if (!status) {
    throw error(problem_kind::invalid, "invalid", field + " must be available, reserved, on_loan, maintenance, retired or lost", field);
  }
  return *status;
}

/// The fields a PATCH may change; status is not one of them.
struct bike_patch {
  std::optional<std::string> asset_tag;
  std::optional<std::string> frame_number;
  std::optional<std::string> make;
  std::optional<std::string> model;
  bool battery_serial_given = false;
  std::optional<std::string> battery_serial;
  std::optional<std::int64_t> site_id;
  std::optional<std::int64_t> odometer_m;

  static bike_patch read(const nlohmann::json& body)
  {
    if (body.contains("status")) {
      throw error(problem_kind::invalid, "status_not_editable", "change a bike's status with POST /api/v1/bikes/{id}/status", "status");
    }
    return {optional_string(body, "asset_tag"), optional_string(body, "frame_number"),
            optional_string(body, "make"),      optional_string(body, "model"),
            body.contains("battery_serial"),    optional_string(body, "battery_serial"),
            optional_int(body, "site_id"),      optional_int(body, "odometer_m")};
  }

  /// `details` with the fields this patch gives changed.
  domain::bike_details operator()(domain::bike_details details) const
  {
    if (asset_tag) details.asset_tag = *asset_tag;
    if (frame_number) details.frame_number = *frame_number;
    if (make) details.make = *make;
    if (model) details.model = *model;
    if (battery_serial_given) details.battery_serial = battery_serial;  // null takes it away
    if (site_id) details.site_id = *site_id;
    if (odometer_m) details.odometer_m = *odometer_m;
    return details;
  }
};

/// A kiosk sees only the bikes at its own site.
void check_kiosk_may_see(const request& req, std::int64_t bike_site_id)
{
  if (auto refusal = domain::other_site_refusal(site_scope_of(req), bike_site_id,
                                                "a kiosk sees only the bikes at its own site", "site_id")) {
    throw error(*refusal);
  }
}

/// The bike list's query as the cache tells answers apart.
struct bike_list_key {
  domain::bike_filter filter;
  domain::page_request page;
  bool operator==(const bike_list_key&) const = default;
};
using bike_list_cache = answer_cache<bike_list_key>;

/// The bikes the request's filters select; a kiosk sees only its own site's.
domain::bike_filter filter_of(const request& req)
{
  domain::bike_filter filter;
  filter.site_id = query_id(req, "site_id");
  if (const auto status = req.query_param("status")) filter.status = status_named(std::string(*status), "status");
  filter.make = query_text(req, "make");
  filter.search = query_text(req, "q");
  if (const auto own_site = site_scope_of(req).kiosk_site) {
    if (filter.site_id) check_kiosk_may_see(req, *filter.site_id);
    filter.site_id = own_site;
  }
  return filter;
}

void list(const app& application, const bike_list_cache& answers, const request& req, const responder& respond)
{
  const bike_list_key asked{filter_of(req), page_request_of(req)};
  std::optional<response> refused;
  const auto* body = answers.body(application.writer().commits(), asked, [&]() -> std::optional<std::string> {
    const auto page = domain::list_bikes(application.reader(), asked.filter, asked.page);
    if (page) return json_response(list_json(page.value())).body;
    refused = problem_response(page.error());
    return std::nullopt;
  });
  if (!body) return respond(std::move(*refused));
  response answer;
  answer.body = *body;
  respond(std::move(answer));
}

exportable_list bike_list(const app& application)
{
  using kind = domain::column_kind;
  return {"bikes",
          {{"id", "Id", kind::integer},
           {"asset_tag", "Asset tag"},
           {"frame_number", "Frame number"},
           {"make", "Make"},
           {"model", "Model"},
           {"battery_serial", "Battery serial"},
           {"site_id", "Site id", kind::integer},
           {"odometer_m", "Odometer (m)", kind::integer},
           {"status", "Status"},
           {"status_note", "Status note"},
           {"updated_at", "Updated at", kind::date}},
          [&application](const request& req, const domain::page_request& wanted) {
            return listed_page(domain::list_bikes(application.reader(), filter_of(req), wanted));
          }};
}

void get_one(const app& application, const request& req, const responder& respond)
{
  const auto found = domain::find_bike(application.reader(), req.path_id("id"));
  if (!found) {
    respond(problem_response(found.error()));
    return;
  }
  check_kiosk_may_see(req, found->site_id);
  respond(json_response(found.value()));
}

void transitions(const responder& respond)
{
  auto table = nlohmann::json::array();
  for (const auto& allowed : domain::bike_status_transitions) {
    table.push_back({{"from", domain::to_string(allowed.from)}, {"to", domain::to_string(allowed.to)}});
  }
  auto managed = nlohmann::json::array();
  for (const auto status : domain::loan_managed_statuses) managed.push_back(domain::to_string(status));
  respond(json_response({{"transitions", std::move(table)}, {"loan_managed", std::move(managed)}}));
}

void create(const app& application, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  const domain::bike_details details{required_string(body, "asset_tag"),       required_string(body, "frame_number"),
                                     required_string(body, "make"),            required_string(body, "model"),
                                     optional_string(body, "battery_serial"),  required_int(body, "site_id"),
                                     optional_int(body, "odometer_m").value_or(0)};
  application.write(req, respond, answer_created("/api/v1/bikes", domain::create_bike, details));
}

void update(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto patch = bike_patch::read(json_body(req));
  application.write(req, respond, answer_patched(id, domain::find_bike, domain::update_bike, patch));
}

void change_status(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto body = json_body(req);
  const auto status = status_named(required_string(body, "status"), "status");
  const auto note = optional_string(body, "note").value_or("");
  application.write(req, respond, [id, status, note](db::connection& db, const domain::actor& who, pedalpower::unix_seconds now) {
    const auto changed = domain::change_bike_status_by_hand(db, who, now, id, status, note);
    if (!changed) return problem_response(changed.error());
    return json_response(domain::find_bike(db, id).value());
  });
}

}  // namespace

void add_bikes_routes(router& routes, const app& application)
{
  const auto readers = {role::coordinator, role::technician, role::kiosk};
  add_exportable_list(routes, application, "/api/v1/bikes", readers, bike_list(application),
                      [&application, answers = std::make_shared<bike_list_cache>()](const request& req, responder respond) {
                        list(application, *answers, req, respond);
                      });
  routes.add("GET", "/api/v1/bikes/status-transitions", {role::coordinator, role::technician},
             [](const request&, responder respond) { transitions(respond); });
  routes.add("GET", "/api/v1/bikes/{id}", readers, bind_app(application, get_one));
  routes.add("POST", "/api/v1/bikes", {role::coordinator}, bind_app(application, create));
  routes.add("PATCH", "/api/v1/bikes/{id}", {role::coordinator}, bind_app(application, update));
  routes.add("POST", "/api/v1/bikes/{id}/status", {role::coordinator, role::technician},
             bind_app(application, change_status));
}

}  // namespace pedalpower::api
