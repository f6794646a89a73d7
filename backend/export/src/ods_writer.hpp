#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "column_width.hpp"
#include "method_sheet.hpp"
#include "pedalpower/export/file_writer.hpp"
#include "sheet_names.hpp"
#include "zip_package.hpp"

namespace pedalpower::exports {

/// An OpenDocument spreadsheet (ODS, ODF 1.3), the UK government's standard for editable
/// documents, written as it goes: content.xml is deflated into the package a block at a time, so
/// memory does not grow with the rows. It holds what the XLSX holds: a bold, frozen header row on
/// every sheet, numbers as numbers shown to their column's places, dates and months as dates, a
/// sheet longer than a spreadsheet's row limit carried on in "<title> (2)", the Method sheet last.
/// Column widths fit the header and the first rows of each sheet.
class ods_writer final : public file_writer {
 public:
  explicit ods_writer(const std::filesystem::path& path);

  void method(std::span<const domain::method_line> lines) override;
  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) override;
  void row(std::span<const domain::report_cell> cells) override;
  void end_sheet() override;
  void finish() override;

 private:
  struct sheet {
    std::string name;
    std::string title;
    std::vector<domain::report_column> columns;
    std::vector<column_width> widths;
    std::uint32_t next_row = 0;
    bool columns_written = false;
  };

  void open_sheet(std::string name, std::string title, std::vector<domain::report_column> columns);
  void close_sheet();
  void write_row(std::span<const domain::report_cell> cells);
  void write_cell(std::string& xml, std::size_t column, const domain::report_cell& cell);
  void write_table_start();
  void send(bool all);

  zip_package package_;
  std::string content_;  ///< content.xml not yet deflated into the package
  std::string held_;     ///< a sheet's first rows, held until its column widths are known
  sheet current_;
  bool sheet_open_ = false;
  method_sheet method_;
  sheet_names names_;
  std::vector<std::string> written_names_;
};

}  // namespace pedalpower::exports
