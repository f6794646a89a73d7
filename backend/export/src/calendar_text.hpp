#pragma once

#include <optional>
#include <string_view>

namespace pedalpower::exports {

/// A day, a month or a moment read from the ISO 8601 text reports and lists give.
struct calendar_value {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  double second = 0.0;
  bool has_time = false;
};

/// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS[.fff]Z" (UTC) for a date column; nullopt for anything else.
std::optional<calendar_value> read_date(std::string_view text);
/// "YYYY-MM" (or a date, of which the month is taken) for a month column; nullopt for anything else.
std::optional<calendar_value> read_month(std::string_view text);

}  // namespace pedalpower::exports
