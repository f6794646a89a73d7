#include "routes/loan_inputs.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "pedalpower/api/auth/access.hpp"
#include "pedalpower/api/error.hpp"
#include "pedalpower/api/json_input.hpp"
#include "pedalpower/api/request.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/staff.hpp"

namespace pedalpower::api {
namespace {

bool is_kiosk(const request& req) { return req.caller && req.caller->kind == role::kiosk; }

std::optional<std::int64_t> query_integer(const request& req, std::string_view name, std::int64_t min,
                                          std::int64_t max, const std::string& described)
{
  const auto text = req.query_param(name);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < min || value > max) {
    throw error(problem_kind::invalid, "invalid", std::string(name) + " must be " + described, std::string(name));
  }
  return value;
}

}  // namespace

std::optional<std::int64_t> query_id(const request& req, std::string_view name)
{
  return query_integer(req, name, 1, std::numeric_limits<std::int64_t>::max(), "a positive whole number");
}

std::optional<int> query_number(const request& req, std::string_view name, int min, int max)
{
  const auto value =
      query_integer(req, name, min, max, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  if (!value) return std::nullopt;
  return static_cast<int>(*value);
}

std::optional<double> query_decimal(const request& req, std::string_view name, std::string_view what)
{
  const auto text = req.query_param(name);
  if (!text) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || !std::isfinite(value)) {
    throw error(problem_kind::invalid, "invalid", std::string(name) + " must be " + std::string(what), std::string(name));
  }
  return value;
}

std::vector<std::string> string_list(const nlohmann::json& body, std::string_view field)
{
  const auto found = body.find(field);
  if (found == body.end() || found->is_null()) return {};
  const auto wrong = [&] {
    return error(problem_kind::invalid, "invalid_type", std::string(field) + " must be a list of strings", std::string(field));
  };
  if (!found->is_array()) throw wrong();
  std::vector<std::string> items;
  for (const auto& item : *found) {
    if (!item.is_string()) throw wrong();
    items.push_back(item.get<std::string>());
  }
  return items;
}

acting_for acting_staff(const request& req, const auth::access& identity, std::optional<std::int64_t> named)
{
  if (is_kiosk(req)) {
    auto identified = identity.require_kiosk_staff(req);
    if (named && *named != identified.staff_id) {
      throw error(problem_kind::forbidden, "staff_mismatch", "a kiosk acts only for the staff member identified at it", "staff_id");
    }
    return {identified.staff_id, std::move(identified.checked)};
  }
  if (!named) throw error(problem_kind::invalid, "required", "staff_id is required", "staff_id");
  return {*named, std::nullopt};
}

domain::site_scope site_scope_of(const request& req)
{
  if (!is_kiosk(req)) return {};
  if (!req.caller->site_id) throw error(problem_kind::forbidden, "kiosk_without_site", "this kiosk is not registered at a site");
  return {req.caller->site_id};
}

domain::actor acting_actor(db::connection& db, const domain::actor& caller, const acting_for& person)
{
  if (!person.kiosk_checked) return caller;
  const auto member = domain::find_staff(db, person.staff_id);
  return {caller.label + "/staff:" + (member ? member->staff_number : std::to_string(person.staff_id)) + "/" +
          *person.kiosk_checked};
}

domain::fault_input read_fault(const nlohmann::json& fault)
{
  if (!fault.is_object()) throw error(problem_kind::invalid, "invalid_type", "fault must be an object", "fault");
  domain::fault_input input;
  input.category = required_string(fault, "category");
  input.note = optional_string(fault, "note").value_or("");
  input.safety = optional_bool(fault, "safety").value_or(false);
  return input;
}

}  // namespace pedalpower::api
