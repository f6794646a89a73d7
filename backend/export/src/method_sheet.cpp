#include "method_sheet.hpp"

#include <stdexcept>

namespace pedalpower::exports {

void method_sheet::set_lines(std::span<const domain::method_line> lines) { lines_.assign(lines.begin(), lines.end()); }

void method_sheet::sheet_begun(std::string_view title) { row_counts_.emplace_back(std::string(title), 0); }

void method_sheet::row_written()
{
  if (row_counts_.empty()) throw std::logic_error("a row was written outside a sheet");
  ++row_counts_.back().second;
}

std::vector<domain::report_column> method_sheet::columns() { return {{"item", "Item"}, {"value", "Value"}}; }

std::vector<std::vector<domain::report_cell>> method_sheet::rows() const
{
  std::vector<std::vector<domain::report_cell>> rows;
  rows.reserve(lines_.size() + row_counts_.size());
  for (const auto& line : lines_) rows.push_back({line.label, line.value});
  for (const auto& [title, count] : row_counts_) rows.push_back({"Rows in " + title, count});
  return rows;
}

}  // namespace pedalpower::exports
