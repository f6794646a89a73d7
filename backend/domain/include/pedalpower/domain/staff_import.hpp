#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pedalpower/domain/actor.hpp"
#include "pedalpower/core/clock.hpp"
#include "pedalpower/core/outcome.hpp"
#include "pedalpower/db/fwd.hpp"

namespace pedalpower::domain {

/// Loading a staff list exported from an HR system as CSV.
///
/// The header row names the columns; common HR spellings are understood ("Staff Number", "Employee
/// Number", "AfC Band", "Forename" + "Surname", ...). Staff number, name and pay band are required;
/// other columns are optional, and an empty cell leaves that field as it is. Sites are matched by
/// code or name, dates may be 'YYYY-MM-DD' or 'DD/MM/YYYY'. Quoted fields may hold commas, line
/// breaks and doubled quotes; a UTF-8 byte order mark and CRLF line ends are accepted.

enum class import_mode {
  update_only,  ///< add and update the staff listed; leave everyone else alone
  full_list,    ///< the file is everyone employed: active staff it does not list are deactivated
};

struct import_line_error {
  int line = 0;  ///< line of the file where the record starts; the header is line 1
  std::string field;
  std::string message;
};

struct import_change {
  int line = 0;
  std::string staff_number;
  std::string name;
  std::vector<std::string> changed_fields;  ///< empty for a new staff member
};

struct staff_import_report {
  int rows = 0;  ///< staff records read, blank lines aside
  std::vector<import_change> created;
  std::vector<import_change> updated;
  int unchanged = 0;
  std::vector<std::string> deactivated;  ///< staff numbers, in full_list mode
  std::vector<import_line_error> errors;  ///< the first max_listed_import_errors, in file order
  int unlisted_errors = 0;                 ///< errors found past those listed
};

/// A file of nothing but bad lines must not make an answer many times its size: past this many,
/// errors are only counted.
inline constexpr std::size_t max_listed_import_errors = 100;

void to_json(nlohmann::json& out, const staff_import_report& value);

/// What applying `csv` would do, and its lines' errors (text that is not UTF-8 or holds control
/// characters is one). Changes nothing.
staff_import_report preview_staff_import(db::connection& db, unix_seconds now, std::string_view csv,
                                         import_mode mode);

/// Applies `csv` in one unit: all of it, audited per staff member, or nothing. Applying the same file
/// again changes nothing. Problems: invalid "import_has_errors" (naming the first error) if any line has one.
outcome<staff_import_report> apply_staff_import(db::connection& db, const actor& who, unix_seconds now,
                                                std::string_view csv, import_mode mode);

}  // namespace pedalpower::domain
