#include <nlohmann/json.hpp>

#include "pedalpower/api/app.hpp"
#include "pedalpower/api/router.hpp"
#include "pedalpower/domain/commute_mode.hpp"
#include "pedalpower/domain/faults.hpp"
#include "pedalpower/domain/loans.hpp"
#include "routes/routes.hpp"

namespace pedalpower::api {
namespace {

nlohmann::json choices_json()
{
  auto faults = nlohmann::json::array();
  for (const auto& category : domain::fault_categories) {
    faults.push_back({{"code", category.code}, {"label", category.label}, {"safety_critical", category.safety_critical}});
  }
  auto checks = nlohmann::json::array();
  for (const auto& check : domain::return_checks) {
    checks.push_back({{"code", check.code}, {"label", check.label}, {"fault_category", check.fault_category}});
  }
  auto accessories = nlohmann::json::array();
  for (const auto& kind : domain::accessory_kinds) accessories.push_back({{"code", kind.code}, {"label", kind.label}});
  auto commutes = nlohmann::json::array();
  for (const auto& mode : domain::commute_modes) commutes.push_back({{"code", mode.code}, {"label", mode.label}});
  return {{"fault_categories", faults},
          {"fault_note_max_length", domain::max_fault_note_length},
          {"return_checks", checks},
          {"accessory_kinds", accessories},
          {"commute_modes", commutes}};
}

}  // namespace

// The lists screens offer to choose from, so that no screen keeps a copy of its own.
void add_choice_routes(router& routes)
{
  routes.add("GET", "/api/v1/choices", {role::coordinator, role::technician, role::reporter, role::kiosk},
             [](const request&, responder respond) { respond(json_response(choices_json())); });
}

}  // namespace pedalpower::api
