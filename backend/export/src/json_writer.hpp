#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "output_file.hpp"
#include "pedalpower/export/file_writer.hpp"

namespace pedalpower::exports {

/// A report as JSON, written as it goes: {"method": [{"label", "value"}], "sheets": [{"title",
/// "columns": [{"key", "title", "kind", "decimals"}], "rows": [{<column key>: cell, ...}, ...]}]}. Numbers are
/// numbers, empty cells null, text as given: JSON is data, not a spreadsheet, so nothing is
/// neutralised.
class json_writer final : public file_writer {
 public:
  explicit json_writer(const std::filesystem::path& path);

  void method(std::span<const domain::method_line> lines) override;
  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) override;
  void row(std::span<const domain::report_cell> cells) override;
  void end_sheet() override;
  void finish() override;

 private:
  void put_string(std::string_view text);
  void open_sheets();

  output_file file_;
  std::vector<std::string> keys_;  ///< the open sheet's column keys, one per cell of a row
  bool method_written_ = false;
  bool sheets_open_ = false;
  bool first_sheet_ = true;
  bool first_row_ = true;
  bool in_sheet_ = false;
};

}  // namespace pedalpower::exports
