#include "pedalpower/domain/faults.hpp"

#include <algorithm>

#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/bikes.hpp"
#include "pedalpower/domain/notifications.hpp"
#include "pedalpower/domain/work_orders.hpp"

namespace pedalpower::domain {

void to_json(nlohmann::json& out, const fault_report& report)
{
  out = {
      {"id", report.id},
      {"bike_id", report.bike_id},
      {"loan_id", report.loan_id ? nlohmann::json(*report.loan_id) : nlohmann::json(nullptr)},
      {"category", report.category},
      {"note", report.note},
      {"safety", report.safety},
      {"reported_by", report.reported_by},
      {"reported_at", iso8601(report.reported_at)},
      {"resolved_at", report.resolved_at ? nlohmann::json(iso8601(*report.resolved_at)) : nlohmann::json(nullptr)},
      {"work_order_id", report.work_order_id},
  };
}

namespace {

const fault_category* find_category(std::string_view code)
{
  const auto found = std::find_if(fault_categories.begin(), fault_categories.end(),
                                  [code](const fault_category& category) { return category.code == code; });
  return found == fault_categories.end() ? nullptr : &*found;
}

std::string category_codes()
{
  std::string codes;
  for (const auto& category : fault_categories) {
    if (!codes.empty()) codes += ", ";
    codes += category.code;
  }
  return codes;
}

}  // namespace

const return_check* find_return_check(std::string_view code)
{
  const auto found = std::find_if(return_checks.begin(), return_checks.end(),
                                  [code](const return_check& check) { return check.code == code; });
  return found == return_checks.end() ? nullptr : &*found;
}

std::vector<fault_input> faults_told_at_return(const nlohmann::json& condition, const std::optional<fault_input>& fault)
{
  std::vector<fault_input> found;
  if (fault) found.push_back(*fault);
  if (!condition.is_object()) return found;
  for (const auto& [code, passed] : condition.items()) {
    const auto* check = find_return_check(code);
    if (!check || passed != false) continue;
    const bool filed = std::any_of(found.begin(), found.end(),
                                   [check](const fault_input& told) { return told.category == check->fault_category; });
    if (!filed) {
      found.push_back({std::string(check->fault_category),
                       "Returned with \"" + std::string(check->label) + "\" not confirmed", false});
    }
  }
  return found;
}

bool is_safety_critical(std::string_view category)
{
  const auto* found = find_category(category);
  return found && found->safety_critical;
}

std::optional<problem> check_fault(const fault_input& fault, std::string_view field_prefix)
{
  const std::string prefix(field_prefix);
  if (!find_category(fault.category)) {
    return invalid(prefix + "category", "The fault category must be one of " + category_codes() + ".");
  }
  if (fault.note.size() > max_fault_note_length) {
    return invalid(prefix + "note", "The fault note is too long (at most 2000 characters).");
  }
  return std::nullopt;
}

outcome<fault_report> report_fault(db::connection& db, const actor& who, unix_seconds now, std::int64_t bike_id,
                                   std::optional<std::int64_t> loan_id, const fault_input& fault)
{
  if (auto failure = check_fault(fault)) return *failure;
  fault_report report;
  report.bike_id = bike_id;
  report.loan_id = loan_id;
  report.category = fault.category;
  report.note = fault.note;
  report.safety = fault.safety || is_safety_critical(fault.category);
  report.reported_by = who.label;
  report.reported_at = now;
  db::savepoint unit(db, "report_fault");
  db.run("INSERT INTO fault_reports(bike_id, loan_id, category, note, safety, reported_by, reported_at)"
         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
         report.bike_id, report.loan_id, report.category, report.note, report.safety, report.reported_by,
         report.reported_at);
  report.id = db.last_insert_rowid();
  const work_order_input job{bike_id, report.category, report.safety, report.note, report.id, std::nullopt};
  const auto opened = open_work_order(db, who, now, job);
  if (!opened) return opened.error();
  report.work_order_id = opened->id;
  record_creation(db, who, now, "fault.report", "fault_report", report);
  notify_safety_fault(db, now, report);
  unit.commit();
  return report;
}

outcome<fault_report> report_bike_fault(db::connection& db, const actor& who, unix_seconds now,
                                        const site_scope& scope, std::int64_t bike_id, const fault_input& fault)
{
  const auto bike = find_bike(db, bike_id);
  if (!bike) return bike.error();
  if (auto refusal = other_site_refusal(scope, bike->site_id, "a kiosk reports faults on the bikes at its own site",
                                        "bike_id")) {
    return *refusal;
  }
  // The index loans_one_active_per_bike allows at most one active loan; query_int answers 0 when there is none.
  const auto active_loan = db.query_int("SELECT id FROM loans WHERE bike_id = ?1 AND status = 'active'", bike_id);
  return report_fault(db, who, now, bike_id, active_loan ? std::optional(active_loan) : std::nullopt, fault);
}

}  // namespace pedalpower::domain
