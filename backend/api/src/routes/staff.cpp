#include <array>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/domain/commute_mode.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/domain/staff_import.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "domain_answers.hpp"
#include "files/exportable_list.hpp"
#include "routes/list_params.hpp"
#include "routes/loan_inputs.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

namespace pedalpower::api {
namespace {

// What browsers and HR tools label a CSV upload with.
constexpr std::array<std::string_view, 4> csv_media_types{"text/csv", "text/plain", "application/csv",
                                                          "application/vnd.ms-excel"};

/// Sets `target` from `field` when the body names it: a value sets it, null clears it.
template <typename T, typename Reader>
void patch_nullable(const nlohmann::json& body, std::string_view field, std::optional<T>& target, Reader read)
{
  if (body.contains(field)) target = read(body, field);
}

int narrow(std::int64_t value, std::string_view field)
{
  if (value < 0 || value > 1000) throw error(problem_kind::invalid, "invalid", std::string(field) + " is out of range", std::string(field));
  return static_cast<int>(value);
}

/// Writes the fields `body` names over `member`. Badges and PINs have their own routes.
domain::staff_member applied(const nlohmann::json& body, domain::staff_member member)
{
  if (auto value = optional_string(body, "staff_number")) member.staff_number = *value;
  if (auto value = optional_string(body, "name")) member.name = *value;
  if (auto value = optional_string(body, "email")) member.email = *value;
  if (auto value = optional_string(body, "pay_band")) member.pay_band = *value;
  if (auto value = optional_string(body, "department")) member.department = *value;
  if (auto value = optional_int(body, "commute_car_occupancy")) {
    member.commute_car_occupancy = narrow(*value, "commute_car_occupancy");
  }
  if (auto value = optional_bool(body, "active")) member.active = *value;
  patch_nullable(body, "home_site_id", member.home_site_id, optional_int);
  patch_nullable(body, "induction_date", member.induction_date, optional_string);
  patch_nullable(body, "commute_mode", member.commute_mode, optional_string);
  patch_nullable(body, "commute_distance_km", member.commute_distance_km, optional_number);
  return member;
}

domain::import_mode import_mode_of(const request& req)
{
  const auto mode = req.query_param("mode").value_or("update_only");
  if (mode == "update_only") return domain::import_mode::update_only;
  if (mode == "full_list") return domain::import_mode::full_list;
  throw error(problem_kind::invalid, "invalid", "mode must be update_only or full_list", "mode");
}

void require_csv(const request& req)
{
  const auto header = req.header("content-type").value_or("");
  const auto media_type = pedalpower::lower_case(pedalpower::trimmed(header.substr(0, header.find(';'))));
  for (const auto accepted : csv_media_types) {
    if (media_type == accepted) return;
  }
  throw error(problem_kind::unsupported_media_type, "unsupported_media_type", "send the staff list as text/csv", "Content-Type");
}

domain::staff_filter filter_of(const request& req)
{
  domain::staff_filter filter;
  filter.pay_band = query_text(req, "pay_band");
  filter.home_site_id = query_id(req, "site_id");
  filter.active = query_flag(req, "active");
  filter.inducted = query_flag(req, "inducted");
  filter.search = query_text(req, "q");
  return filter;
}

/// A badge's id identifies its holder at a kiosk, so it stays out of files that travel.
exportable_list staff_list(const app& application)
{
  using kind = domain::column_kind;
  return {"staff",
          {{"id", "Id", kind::integer},
           {"staff_number", "Staff number"},
           {"name", "Name"},
           {"email", "Email"},
           {"pay_band", "Pay band"},
           {"department", "Department"},
           {"home_site_id", "Home site id", kind::integer},
           {"induction_date", "Induction date", kind::date},
           {"commute_mode", "Previous commute mode"},
           {"commute_car_occupancy", "Car occupancy", kind::integer},
           {"commute_distance_km", "Commute (km)", kind::decimal, 1},
           {"active", "Active"}},
          [&application](const request& req, const domain::page_request& wanted) {
            return listed_page(domain::list_staff(application.reader(), filter_of(req), wanted));
          },
          {{"commute_mode", domain::commute_mode_label}}};
}

void band_counts(const app& application, const responder& respond)
{
  auto counts = nlohmann::json::array();
  for (const auto& [band, total] : domain::count_active_staff_by_band(application.reader())) {
    counts.push_back({{"pay_band", band}, {"active_staff", total}});
  }
  respond(json_response({{"bands", std::move(counts)}}));
}

void create(const app& application, const request& req, const responder& respond)
{
  const auto body = json_body(req);
  required_string(body, "staff_number");
  required_string(body, "name");
  required_string(body, "pay_band");
  const auto draft = applied(body, {});
  application.write(req, respond, answer_created("/api/v1/staff", domain::create_staff, draft));
}

void update(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  auto body = json_body(req);
  applied(body, {});  // reads every field now, so a wrong type is answered before the write
  application.write(req, respond,
                    answer_patched(id, domain::find_staff, domain::update_staff,
                                   [body = std::move(body)](const domain::staff_member& current) {
                                     return applied(body, current);
                                   }));
}

void preview_import(const app& application, const request& req, const responder& respond)
{
  require_csv(req);
  const auto report =
      domain::preview_staff_import(application.reader(), pedalpower::current_time(), req.body, import_mode_of(req));
  respond(json_response(report));
}

void apply_import(const app& application, const request& req, const responder& respond)
{
  require_csv(req);
  const auto mode = import_mode_of(req);
  application.write(req, respond, answer_json(domain::apply_staff_import, req.body, mode));
}

}  // namespace

void add_staff_routes(router& routes, const app& application)
{
  add_exportable_list(routes, application, "/api/v1/staff", {role::coordinator}, staff_list(application));
  routes.add("GET", "/api/v1/staff/band-counts", {role::coordinator, role::reporter},
             [&application](const request&, responder respond) { band_counts(application, respond); });
  routes.add("GET", "/api/v1/staff/{id}", {role::coordinator},
             answer_found(application, domain::find_staff));
  routes.add("POST", "/api/v1/staff", {role::coordinator}, bind_app(application, create));
  routes.add("PATCH", "/api/v1/staff/{id}", {role::coordinator}, bind_app(application, update));
  routes.add("POST", "/api/v1/staff/import/preview", {role::coordinator}, bind_app(application, preview_import));
  routes.mark_slow("POST", "/api/v1/staff/import/preview");
  routes.add("POST", "/api/v1/staff/import/apply", {role::coordinator}, bind_app(application, apply_import));
}

}  // namespace pedalpower::api
