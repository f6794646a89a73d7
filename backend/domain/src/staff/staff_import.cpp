#include "pedalpower/domain/staff_import.hpp"

#include <charconv>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "pedalpower/domain/csv_reader.hpp"
#include "import_columns.hpp"
#include "pedalpower/db/connection.hpp"
#include "pedalpower/db/transaction.hpp"
#include "pedalpower/domain/audit.hpp"
#include "pedalpower/domain/commute_mode.hpp"
#include "pedalpower/domain/sites.hpp"
#include "pedalpower/domain/staff.hpp"
#include "pedalpower/core/spreadsheet_text.hpp"
#include "pedalpower/core/text_fields.hpp"
#include "staff_rules.hpp"

namespace pedalpower::domain {
namespace {

struct staff_update {
  staff_member before;
  staff_member after;
};

/// What an import would write, beside the report shown to the coordinator.
struct import_plan {
  staff_import_report report;
  std::vector<staff_member> creations;
  std::vector<staff_update> updates;  ///< deactivations included
};

/// One record's cells, by field: absent when the file has no such column or the cell is empty.
class record_cells {
public:
  record_cells(const import_columns& columns, const csv_record& record) : columns_(columns), record_(record) {}

  std::optional<std::string> get(import_field field) const
  {
    const auto column = columns_.of(field);
    if (!column || *column >= record_.fields.size()) return std::nullopt;
    // The staff export neutralises a cell a spreadsheet could take for a formula: read back, it is
    // the text it was made from, so an export imported again changes nothing.
    auto value = unneutralised(trimmed(record_.fields[*column]));
    if (value.empty()) return std::nullopt;
    return value;
  }

private:
  const import_columns& columns_;
  const csv_record& record_;
};

void note_error(staff_import_report& report, import_line_error error)
{
  if (report.errors.size() < max_listed_import_errors) {
    report.errors.push_back(std::move(error));
  } else {
    ++report.unlisted_errors;
  }
}

/// The field a column fills, or the column's number when the import does not read it.
std::string column_label(const import_columns& columns, std::size_t column)
{
  for (std::size_t field = 0; field < import_field_count; ++field) {
    if (columns.position[field] == column) return std::string(field_name(static_cast<import_field>(field)));
  }
  return "column " + std::to_string(column + 1);
}

/// The first cell of `record` that is not storable text: a file saved as Windows-1252 rather than
/// UTF-8 shows up here, on its line, rather than as garbled names.
std::optional<import_line_error> unreadable_text(const import_columns& columns, const csv_record& record)
{
  for (std::size_t column = 0; column < record.fields.size(); ++column) {
    if (const auto fault = text_fault(record.fields[column])) {
      const auto label = column_label(columns, column);
      return import_line_error{record.line, label,
                               label + " " + std::string(*fault) + ": save the file as CSV UTF-8 and try again"};
    }
  }
  return std::nullopt;
}

/// Sites by upper-case code and by upper-case name.
std::map<std::string, std::int64_t> site_lookup(db::connection& db)
{
  std::map<std::string, std::int64_t> lookup;
  for (const auto& known : list_sites(db)) {
    lookup.emplace(upper_case(known.code), known.id);
    lookup.emplace(upper_case(known.name), known.id);
  }
  return lookup;
}

/// 'YYYY-MM-DD' from 'YYYY-MM-DD' or the UK 'DD/MM/YYYY' HR systems export; nullopt if neither.
std::optional<std::string> parse_date(const std::string& text)
{
  if (is_valid_date(text)) return text;
  unsigned day = 0;
  unsigned month = 0;
  unsigned year = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%2u/%2u/%4u%c", &day, &month, &year, &tail) != 3 || year < 1900) return std::nullopt;
  char iso[40];  // sized for any unsigned values: the compiler cannot see the limits sscanf read with
  std::snprintf(iso, sizeof iso, "%04u-%02u-%02u", year, month, day);
  if (!is_valid_date(iso)) return std::nullopt;
  return std::string(iso);
}

std::optional<double> parse_number(const std::string& text)
{
  double value = 0;
  const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (failure != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string> changed_fields(const staff_member& before, const staff_member& after)
{
  std::vector<std::string> changed;
  const auto note = [&](bool differs, const char* field) {
    if (differs) changed.emplace_back(field);
  };
  note(before.name != after.name, "name");
  note(before.email != after.email, "email");
  note(before.pay_band != after.pay_band, "pay_band");
  note(before.department != after.department, "department");
  note(before.home_site_id != after.home_site_id, "home_site_id");
  note(before.induction_date != after.induction_date, "induction_date");
  note(before.commute_mode != after.commute_mode, "commute_mode");
  note(before.commute_distance_km != after.commute_distance_km, "commute_distance_km");
  note(before.active != after.active, "active");
  return changed;
}

/// Fills `candidate` from the non-empty cells of one record; the first cell that cannot be read is the problem.
std::optional<import_line_error> fill_from_cells(const record_cells& cells, const std::map<std::string, std::int64_t>& sites,
                                                 staff_member& candidate, int line)
{
  const auto error = [line](import_field field, std::string message) {
    return import_line_error{line, std::string(field_name(field)), std::move(message)};
  };
  if (auto name = cells.get(import_field::name)) {
    candidate.name = *name;
  } else if (auto first = cells.get(import_field::first_name), last = cells.get(import_field::last_name); first || last) {
    candidate.name = trimmed(first.value_or("") + " " + last.value_or(""));
  }
  if (auto email = cells.get(import_field::email)) candidate.email = *email;
  if (auto band = cells.get(import_field::pay_band)) candidate.pay_band = *band;
  if (auto department = cells.get(import_field::department)) candidate.department = *department;
  if (auto site_name = cells.get(import_field::site)) {
    const auto found = sites.find(upper_case(*site_name));
    if (found == sites.end()) return error(import_field::site, "no site has the code or name \"" + *site_name + "\"");
    candidate.home_site_id = found->second;
  }
  if (auto date = cells.get(import_field::induction_date)) {
    candidate.induction_date = parse_date(*date);
    if (!candidate.induction_date) return error(import_field::induction_date, "\"" + *date + "\" is not a date (YYYY-MM-DD or DD/MM/YYYY)");
  }
  if (auto mode = cells.get(import_field::commute_mode)) candidate.commute_mode = commute_mode_named(*mode);
  if (auto km = cells.get(import_field::commute_km)) {
    candidate.commute_distance_km = parse_number(*km);
    if (!candidate.commute_distance_km) return error(import_field::commute_km, "\"" + *km + "\" is not a number of kilometres");
  }
  return std::nullopt;
}

void plan_record(db::connection& db, unix_seconds now, const import_columns& columns,
                 const std::map<std::string, std::int64_t>& sites, const csv_record& record,
                 std::map<std::string, int>& seen_on_line, import_plan& plan)
{
  auto& report = plan.report;
  if (auto unreadable = unreadable_text(columns, record)) {
    note_error(report, std::move(*unreadable));
    return;
  }
  const record_cells cells(columns, record);
  const auto number = cells.get(import_field::staff_number);
  if (!number) {
    note_error(report, {record.line, "staff_number", "the staff number is empty"});
    return;
  }
  const auto key = upper_case(*number);
  if (const auto [earlier, fresh] = seen_on_line.emplace(key, record.line); !fresh) {
    note_error(report, {record.line, "staff_number",
                        "staff number " + key + " is also on line " + std::to_string(earlier->second)});
    return;
  }

  const auto existing = find_staff_by_number(db, key);
  staff_member candidate = existing ? existing.value() : staff_member{};
  candidate.staff_number = key;
  candidate.active = true;
  if (auto unreadable = fill_from_cells(cells, sites, candidate, record.line)) {
    note_error(report, std::move(*unreadable));
    return;
  }
  if (auto broken = check_staff_fields(db, now, candidate)) {
    note_error(report, {record.line, broken->field, broken->message});
    return;
  }

  if (!existing) {
    report.created.push_back({record.line, candidate.staff_number, candidate.name, {}});
    plan.creations.push_back(std::move(candidate));
    return;
  }
  auto changed = changed_fields(existing.value(), candidate);
  if (changed.empty()) {
    ++report.unchanged;
    return;
  }
  report.updated.push_back({record.line, candidate.staff_number, candidate.name, std::move(changed)});
  plan.updates.push_back({existing.value(), std::move(candidate)});
}

void plan_deactivations(db::connection& db, const std::map<std::string, int>& listed, import_plan& plan)
{
  std::vector<std::int64_t> absent;
  auto& rows = db.query("SELECT id, staff_number FROM staff WHERE active = 1 ORDER BY staff_number");
  while (rows.step()) {
    if (!listed.contains(rows.get_text(1))) absent.push_back(rows.get_int(0));
  }
  for (const auto id : absent) {
    auto before = find_staff(db, id).value();
    auto after = before;
    after.active = false;
    plan.report.deactivated.push_back(before.staff_number);
    plan.updates.push_back({std::move(before), std::move(after)});
  }
}

import_plan plan_import(db::connection& db, unix_seconds now, std::string_view csv, import_mode mode)
{
  import_plan plan;
  auto& report = plan.report;
  const auto document = read_csv(csv);
  if (document.unterminated_quote_line) {
    report.errors.push_back({*document.unterminated_quote_line, "", "a quoted field opened here never closes"});
    return plan;
  }
  if (document.records.empty()) {
    report.errors.push_back({1, "", "the file is empty: it needs a header row and a row per staff member"});
    return plan;
  }
  std::vector<header_problem> header_problems;
  const auto columns = map_columns(document.records.front().fields, header_problems);
  for (auto& broken : header_problems) {
    note_error(report, {document.records.front().line, std::move(broken.field), std::move(broken.message)});
  }
  if (!columns) return plan;

  const auto sites = site_lookup(db);
  std::map<std::string, int> seen_on_line;
  for (std::size_t i = 1; i < document.records.size(); ++i) {
    ++report.rows;
    plan_record(db, now, *columns, sites, document.records[i], seen_on_line, plan);
  }
  if (mode == import_mode::full_list) {
    if (report.rows == 0) {
      report.errors.push_back({1, "", "a full list with nobody on it would deactivate every staff member"});
    } else if (report.errors.empty()) {
      plan_deactivations(db, seen_on_line, plan);
    }
  }
  return plan;
}

}  // namespace

void to_json(nlohmann::json& out, const staff_import_report& value)
{
  const auto changes = [](const std::vector<import_change>& list) {
    auto rows = nlohmann::json::array();
    for (const auto& change : list) {
      rows.push_back({{"line", change.line},
                      {"staff_number", change.staff_number},
                      {"name", change.name},
                      {"changed_fields", change.changed_fields}});
    }
    return rows;
  };
  auto errors = nlohmann::json::array();
  for (const auto& error : value.errors) {
    errors.push_back({{"line", error.line}, {"field", error.field}, {"message", error.message}});
  }
  out = {{"summary",
          {{"rows", value.rows},
           {"new", value.created.size()},
           {"updated", value.updated.size()},
           {"unchanged", value.unchanged},
           {"to_deactivate", value.deactivated.size()},
           {"errors", value.errors.size() + static_cast<std::size_t>(value.unlisted_errors)}}},
         {"created", changes(value.created)},
         {"updated", changes(value.updated)},
         {"deactivated", value.deactivated},
         {"errors", std::move(errors)},
         {"errors_not_listed", value.unlisted_errors}};
}

staff_import_report preview_staff_import(db::connection& db, unix_seconds now, std::string_view csv, import_mode mode)
{
  return plan_import(db, now, csv, mode).report;
}

outcome<staff_import_report> apply_staff_import(db::connection& db, const actor& who, unix_seconds now,
                                                std::string_view csv, import_mode mode)
{
  auto plan = plan_import(db, now, csv, mode);
  const auto& errors = plan.report.errors;
  if (!errors.empty()) {
    const auto& first = errors.front();
    auto message = "nothing was imported: line " + std::to_string(first.line) + ": " + first.message;
    const auto more = errors.size() - 1 + static_cast<std::size_t>(plan.report.unlisted_errors);
    if (more > 0) message += " (and " + std::to_string(more) + " more; preview the file to see them)";
    return invalid(first.field, std::move(message), "import_has_errors");
  }
  if (plan.creations.empty() && plan.updates.empty()) return std::move(plan.report);

  db::savepoint unit(db, "staff_import");
  for (const auto& candidate : plan.creations) insert_staff(db, who, now, candidate);
  for (const auto& change : plan.updates) overwrite_staff(db, who, now, change.before, change.after);
  for (const auto& change : plan.updates) leave_waitlists_on_leaving(db, who, now, change.before, change.after);
  record_audit(db, who, now, "staff.import", "staff_import", iso8601(now), std::nullopt,
               nlohmann::json{{"mode", mode == import_mode::full_list ? "full_list" : "update_only"},
                              {"created", plan.report.created.size()},
                              {"updated", plan.report.updated.size()},
                              {"deactivated", plan.report.deactivated.size()}});
  unit.commit();
  return std::move(plan.report);
}

}  // namespace pedalpower::domain
