#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "column_width.hpp"
#include "method_sheet.hpp"
#include "pedalpower/export/file_writer.hpp"
#include "sheet_names.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace pedalpower::exports {

/// A workbook written with libxlsxwriter in constant-memory mode: each row goes to a working file
/// as soon as the next begins, so memory does not grow with the rows. Every sheet has a bold,
/// frozen header row of the columns' titles; integers and decimals are numbers (decimals shown to
/// their column's places), dates and moments are dates, months the first of the month shown as
/// "Jan 2026"; columns are as wide as their widest cell (within limits). A sheet longer than a
/// spreadsheet's row limit carries on in "<title> (2)". The Method sheet comes last: the method's
/// lines, then each sheet's row count.
class xlsx_writer final : public file_writer {
 public:
  xlsx_writer(const std::filesystem::path& path, const file_options& options);
  ~xlsx_writer() override;
  xlsx_writer(const xlsx_writer&) = delete;
  xlsx_writer& operator=(const xlsx_writer&) = delete;

  void method(std::span<const domain::method_line> lines) override;
  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) override;
  void row(std::span<const domain::report_cell> cells) override;
  void end_sheet() override;
  void finish() override;

 private:
  struct sheet {
    lxw_worksheet* worksheet = nullptr;
    std::string title;
    std::vector<domain::report_column> columns;
    std::vector<column_width> widths;
    std::uint32_t next_row = 0;
  };

  void open_sheet(const std::string& name, std::string title, std::vector<domain::report_column> columns);
  void close_sheet();
  void write_cell(std::uint16_t column, const domain::report_cell& cell);
  void write_method_sheet();
  lxw_format* decimal_format(int decimals);
  void check(int result, std::string_view doing) const;

  lxw_workbook* book_ = nullptr;
  std::string scratch_folder_;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* moment_ = nullptr;
  lxw_format* month_ = nullptr;
  std::vector<lxw_format*> decimals_;
  sheet current_;
  bool sheet_open_ = false;
  method_sheet method_;
  sheet_names names_;
};

}  // namespace pedalpower::exports
