#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "pedalpower/domain/report_writer.hpp"

namespace pedalpower::exports {

/// The Method sheet every workbook ends with, gathered while the other sheets are written: the
/// method's lines, then how many rows each sheet holds.
class method_sheet {
 public:
  void set_lines(std::span<const domain::method_line> lines);
  void sheet_begun(std::string_view title);
  void row_written();

  /// Item and Value, both text.
  static std::vector<domain::report_column> columns();
  /// Each method line as (label, value), then ("Rows in <title>", count) for each sheet in order.
  std::vector<std::vector<domain::report_cell>> rows() const;

 private:
  std::vector<domain::method_line> lines_;
  std::vector<std::pair<std::string, std::int64_t>> row_counts_;
};

}  // namespace pedalpower::exports
