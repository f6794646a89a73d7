#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace pedalpower::domain {

/// What a column holds, so a spreadsheet gets numbers as numbers and dates as dates.
enum class column_kind { text, integer, decimal, date, month };

struct report_column {
  std::string key;    ///< machine name, e.g. "distance_km"; the CSV header
  std::string title;  ///< what a reader sees, e.g. "Distance (km)"
  column_kind kind = column_kind::text;
  int decimals = 0;   ///< for decimal columns: the places shown
};

/// One cell. A count too small to show (fewer people than the scheme's threshold) arrives as the
/// text "<5", so every format shows it the same way.
using report_cell = std::variant<std::monostate, std::int64_t, double, std::string>;

/// One line of a report's method: what it covers and how its figures were made.
struct method_line {
  std::string label;
  std::string value;
};

/// Where a report writes itself, a sheet at a time and a row at a time, so a report of any size is
/// never held whole in memory. Formats (CSV, XLSX, JSON) implement it; reports only call it.
/// Order: method() at most once, then for each sheet begin_sheet(), row()..., end_sheet().
class report_writer {
 public:
  virtual ~report_writer() = default;
  virtual void method(std::span<const method_line> lines) = 0;
  virtual void begin_sheet(std::string_view title, std::span<const report_column> columns) = 0;
  virtual void row(std::span<const report_cell> cells) = 0;
  virtual void end_sheet() = 0;
};

}  // namespace pedalpower::domain
