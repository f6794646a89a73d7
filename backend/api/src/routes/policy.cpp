#include <limits>

#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/domain/policy_admin.hpp"
#include "domain_answers.hpp"
#include "routes/list_params.hpp"
#include "routes/routes.hpp"
#include "routes/bind_app.hpp"

namespace pedalpower::api {
namespace {

[[noreturn]] void wrong_type(const std::string& field, std::string_view expected)
{
  throw error(problem_kind::invalid, "invalid_type", field + " must be " + std::string(expected), field);
}

/// Reads the rule at `bands[index]`, naming any field at fault by its full path.
domain::band_rule read_band(const nlohmann::json& item, std::size_t index)
{
  const auto at = "bands[" + std::to_string(index) + "]";
  if (!item.is_object()) wrong_type(at, "an object");
  const auto whole = [&](const char* name, std::optional<std::int64_t> fallback) -> std::int64_t {
    const auto field = at + "." + name;
    const auto found = item.find(name);
    if (found == item.end() || found->is_null()) {
      if (!fallback) throw error(problem_kind::invalid, "required", field + " is required", field);
      return *fallback;
    }
    return whole_number(*found, field);
  };
  const auto small = [&](const char* name, std::optional<std::int64_t> fallback) {
    const auto value = whole(name, fallback);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      throw error(problem_kind::invalid, "invalid", at + "." + name + " is out of range", at + "." + name);
    }
    return static_cast<int>(value);
  };
  const auto flag = [&](const char* name, bool fallback) {
    const auto found = item.find(name);
    if (found == item.end() || found->is_null()) return fallback;
    if (!found->is_boolean()) wrong_type(at + "." + name, "true or false");
    return found->get<bool>();
  };
  const auto band = item.find("pay_band");
  if (band == item.end() || !band->is_string()) wrong_type(at + ".pay_band", "a pay band such as \"5\" or \"8a\"");
  domain::band_rule rule;
  rule.pay_band = band->get<std::string>();
  rule.eligible = flag("eligible", true);
  rule.priority_tier = small("priority_tier", std::nullopt);
  rule.max_loan_days = small("max_loan_days", std::nullopt);
  rule.weekly_fee_pence = whole("weekly_fee_pence", 0);
  rule.deposit_pence = whole("deposit_pence", 0);
  rule.max_concurrent_loans = small("max_concurrent_loans", 1);
  rule.induction_required = flag("induction_required", true);
  return rule;
}

domain::policy_version read_draft(const request& req)
{
  const auto body = json_body(req);
  domain::policy_version draft;
  draft.effective_from = required_string(body, "effective_from");
  const auto hold_hours = optional_int(body, "reservation_hold_hours").value_or(draft.reservation_hold_hours);
  if (hold_hours < 0 || hold_hours > std::numeric_limits<int>::max()) {
    throw error(problem_kind::invalid, "invalid", "reservation_hold_hours is out of range", "reservation_hold_hours");
  }
  draft.reservation_hold_hours = static_cast<int>(hold_hours);
  const auto min_charge = optional_int(body, "min_charge_pct").value_or(draft.min_charge_pct);
  if (min_charge < std::numeric_limits<int>::min() || min_charge > std::numeric_limits<int>::max()) {
    throw error(problem_kind::invalid, "invalid", "min_charge_pct is out of range", "min_charge_pct");
  }
  draft.min_charge_pct = static_cast<int>(min_charge);
  draft.note = optional_string(body, "note").value_or("");
  const auto bands = body.find("bands");
  if (bands == body.end() || !bands->is_array()) wrong_type("bands", "a list with one rule per pay band");
  for (std::size_t i = 0; i < bands->size(); ++i) draft.bands.push_back(read_band((*bands)[i], i));
  return draft;
}

/// Whether a version is history, the one in force, or still to come, as of `today`.
std::string_view standing(const domain::policy_version& version, std::int64_t in_force_id, const std::string& today)
{
  if (version.id == in_force_id) return "in_force";
  return version.effective_from > today ? "scheduled" : "superseded";
}

void current(const app& application, const request& req, const responder& respond)
{
  const auto asked = req.query_param("date");
  const auto date = asked ? std::string(*asked) : pedalpower::utc_date(pedalpower::current_time());
  respond(json_or_problem(domain::policy_in_force(application.reader(), date)));
}

void list(const app& application, const request& req, const responder& respond)
{
  auto& db = application.reader();
  const auto today = pedalpower::utc_date(pedalpower::current_time());
  const auto in_force = domain::policy_in_force(db, today);
  const auto in_force_id = in_force ? in_force->id : 0;
  const auto page = domain::list_policy_versions(db, page_request_of(req));
  if (!page) return respond(problem_response(page.error()));
  auto listed = list_json(page.value());
  for (std::size_t i = 0; i < page->items.size(); ++i) {
    listed["data"][i]["standing"] = standing(page->items[i], in_force_id, today);
  }
  respond(json_response(listed));
}

void create(const app& application, const request& req, const responder& respond)
{
  const auto draft = read_draft(req);
  application.write(req, respond, answer_created("/api/v1/policy/versions", domain::create_policy_version, draft));
}

void replace(const app& application, const request& req, const responder& respond)
{
  const auto id = req.path_id("id");
  const auto draft = read_draft(req);
  application.write(req, respond, answer_json(domain::replace_policy_version, id, draft));
}

}  // namespace

void add_policy_routes(router& routes, const app& application)
{
  routes.add("GET", "/api/v1/policy/current", {role::coordinator}, bind_app(application, current));
  routes.add("GET", "/api/v1/policy/versions", {role::coordinator}, bind_app(application, list));
  routes.add("GET", "/api/v1/policy/versions/{id}", {role::coordinator},
             answer_found(application, domain::find_policy_version));
  routes.add("POST", "/api/v1/policy/versions", {role::coordinator}, bind_app(application, create));
  routes.add("PUT", "/api/v1/policy/versions/{id}", {role::coordinator}, bind_app(application, replace));
  routes.add("DELETE", "/api/v1/policy/versions/{id}", {role::coordinator},
             answer_deleted(application, domain::delete_policy_version));
}

}  // namespace pedalpower::api
