#pragma once

#include <filesystem>

#include "output_file.hpp"
#include "pedalpower/export/file_writer.hpp"

namespace pedalpower::exports {

/// The first sheet of a report as CSV: RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so
/// Excel reads it as UTF-8. The header row is the columns' keys; numbers are written in full
/// (shortest form that reads back the same); dates and months as the text given (ISO 8601); a text
/// cell that a spreadsheet could take for a formula is neutralised (see cell_text.hpp).
class csv_writer final : public file_writer {
 public:
  explicit csv_writer(const std::filesystem::path& path);

  /// Not written: a CSV file is one table.
  void method(std::span<const domain::method_line> lines) override;
  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) override;
  void row(std::span<const domain::report_cell> cells) override;
  void end_sheet() override;
  void finish() override;

 private:
  void put_field(std::string_view text);

  output_file file_;
  int sheets_begun_ = 0;
  bool in_first_sheet_ = false;
};

}  // namespace pedalpower::exports
