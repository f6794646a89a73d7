#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "column_width.hpp"
#include "method_sheet.hpp"
#include "pedalpower/export/file_writer.hpp"
#include "sheet_names.hpp"
#include "spreadsheet_cell.hpp"

namespace pedalpower::exports {

/// What every workbook format (XLSX, ODS) does alike: each sheet gets a unique name, a sheet longer
/// than a spreadsheet's row limit carries on in "<title> (2)", columns are as wide as their title
/// and the cells shown in them, and the Method sheet comes last with the method's lines and each
/// sheet's row count. A format writes a sheet's start (with its header row), its rows and its end,
/// then completes its file.
class workbook_writer : public file_writer {
 public:
  void method(std::span<const domain::method_line> lines) final;
  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) final;
  void row(std::span<const domain::report_cell> cells) final;
  void end_sheet() final;
  void finish() final;

 protected:
  struct sheet {
    std::string name;  ///< unique in the workbook
    std::vector<domain::report_column> columns;
    std::vector<column_width> widths;  ///< fitted to the title and every cell written so far
    std::uint32_t next_row = 1;        ///< row 0 is the header
  };

  /// Starts `opened` and writes its header row of the columns' titles.
  virtual void start_sheet(const sheet& opened) = 0;
  /// Writes row `open.next_row`: a cell for each of the first `cells.size()` columns.
  virtual void write_row(const sheet& open, std::span<const spreadsheet_cell> cells) = 0;
  virtual void close_sheet(const sheet& closed) = 0;
  /// Completes the file once the Method sheet is closed.
  virtual void complete() = 0;

 private:
  void open_sheet(std::string name, std::string title, std::vector<domain::report_column> columns);
  void put_row(std::span<const domain::report_cell> cells);
  void close_open_sheet();

  sheet current_;
  std::string title_;
  bool sheet_open_ = false;
  std::vector<spreadsheet_cell> shown_;  ///< the row being written, as the workbook holds it
  method_sheet method_;
  sheet_names names_;
};

}  // namespace pedalpower::exports
