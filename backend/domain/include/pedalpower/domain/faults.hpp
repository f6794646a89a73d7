#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/domain/site_scope.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// What can be wrong with a bike: the one list, served to screens by GET /api/v1/choices.
struct fault_category {
  std::string_view code;
  std::string_view label;  ///< as a screen shows it
  bool safety_critical;    ///< the bike is unsafe whatever the reporter ticked
};
inline constexpr std::array<fault_category, 7> fault_categories{{{"brakes", "Brakes", true},
                                                                 {"battery", "Battery", true},
                                                                 {"tyre", "Tyre", true},
                                                                 {"lights", "Lights", false},
                                                                 {"frame", "Frame", true},
                                                                 {"gears", "Gears", false},
                                                                 {"other", "Something else", false}}};

/// What a person confirms about a bike they bring back: the one list, served by GET /api/v1/choices.
/// A check answered false is a fault of its category, filed with the return as if it were reported.
struct return_check {
  std::string_view code;
  std::string_view label;           ///< as a screen shows it
  std::string_view fault_category;  ///< the code of one of fault_categories
};
inline constexpr std::array<return_check, 4> return_checks{{{"brakes_work", "Brakes work", "brakes"},
                                                            {"tyres_ok", "Tyres are pumped up", "tyre"},
                                                            {"lights_work", "Lights work", "lights"},
                                                            {"clean_and_undamaged", "No new damage", "other"}}};

/// The return check named `code`, or null when there is none.
const return_check* find_return_check(std::string_view code);

/// The longest note a fault report keeps, in bytes.
inline constexpr std::size_t max_fault_note_length = 2000;

/// A fault as someone describes it at a return or an inspection.
struct fault_input {
  std::string category;  ///< the code of one of fault_categories
  std::string note;
  bool safety = false;  ///< the reporter judges the bike unsafe to ride
};

struct fault_report {
  std::int64_t id = 0;
  std::int64_t bike_id = 0;
  std::optional<std::int64_t> loan_id;
  std::string category;
  std::string note;
  bool safety = false;
  std::string reported_by;
  unix_seconds reported_at = 0;
  std::optional<unix_seconds> resolved_at;
  std::int64_t work_order_id = 0;  ///< the work order the report opened
};

void to_json(nlohmann::json& out, const fault_report& report);

/// The faults a return tells of: `fault` if any, then one for each return check in `condition`
/// answered false whose category is not among them yet. Entries that are not a known check answered
/// true or false are passed over: the caller checks them first where it can refuse.
std::vector<fault_input> faults_told_at_return(const nlohmann::json& condition,
                                               const std::optional<fault_input>& fault);

/// Whether faults in this category make a bike unsafe whatever the reporter ticked (see fault_categories).
bool is_safety_critical(std::string_view category);

/// The problem with `fault`'s fields, if any; `field_prefix` names where it sits in the request ("fault.").
std::optional<problem> check_fault(const fault_input& fault, std::string_view field_prefix = {});

/// Records a fault on `bike_id`, found during `loan_id` if any. The report counts as a safety fault when
/// the reporter says so or its category is safety-critical. Audited. An invalid problem for bad fields.
outcome<fault_report> report_fault(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                                   std::optional<std::int64_t> loan_id, const fault_input& fault);

/// Records a fault found on `bike_id` outside a return, during the bike's active loan if it is out: as
/// report_fault, and a kiosk (`scope`) reports only on the bikes kept at its own site.
outcome<fault_report> report_bike_fault(db::connection& db, const actor& who, unix_seconds now,
                                        const site_scope& scope, std::int64_t bike_id, const fault_input& fault);

}  // namespace pedalpower::domain
