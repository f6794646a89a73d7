#include "xlsx_writer.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <xlsxwriter.h>

#include "pedalpower/export/cell_text.hpp"
#include "spreadsheet_limits.hpp"

namespace pedalpower::exports {
namespace {

lxw_datetime as_datetime(const calendar_value& value)
{
  return {value.year, value.month, value.day, value.hour, value.minute, value.second};
}

}  // namespace

xlsx_writer::xlsx_writer(const std::filesystem::path& path, const file_options& options)
    : scratch_folder_(options.scratch_folder.string())
{
  lxw_workbook_options settings{};
  settings.constant_memory = LXW_TRUE;
  settings.tmpdir = scratch_folder_.empty() ? nullptr : scratch_folder_.data();
  book_ = workbook_new_opt(path.c_str(), &settings);
  if (!book_) throw std::runtime_error("cannot create " + path.string());
  header_ = workbook_add_format(book_);
  format_set_bold(header_);
  format_set_bottom(header_, LXW_BORDER_THIN);
  format_set_text_wrap(header_);
  format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
  date_ = workbook_add_format(book_);
  format_set_num_format(date_, "yyyy-mm-dd");
  moment_ = workbook_add_format(book_);
  format_set_num_format(moment_, "yyyy-mm-dd hh:mm:ss");
  month_ = workbook_add_format(book_);
  format_set_num_format(month_, "mmm yyyy");
  decimals_.assign(max_decimal_places + 1, nullptr);
}

xlsx_writer::~xlsx_writer()
{
  if (book_) lxw_workbook_free(book_);
}

void xlsx_writer::method(std::span<const domain::method_line> lines) { method_.set_lines(lines); }

void xlsx_writer::begin_sheet(std::string_view title, std::span<const domain::report_column> columns)
{
  if (sheet_open_) end_sheet();
  method_.sheet_begun(title);
  open_sheet(names_.unique(title), std::string(title), {columns.begin(), columns.end()});
}

void xlsx_writer::open_sheet(const std::string& name, std::string title, std::vector<domain::report_column> columns)
{
  current_ = sheet{};
  current_.worksheet = workbook_add_worksheet(book_, name.c_str());
  if (!current_.worksheet) throw std::runtime_error("cannot add the sheet " + title);
  current_.title = std::move(title);
  current_.columns = std::move(columns);
  sheet_open_ = true;
  for (std::uint16_t i = 0; i < current_.columns.size(); ++i) {
    const auto& column = current_.columns[i];
    check(worksheet_write_string(current_.worksheet, 0, i, neutralised(column.title).c_str(), header_),
          "writing a header");
    current_.widths.emplace_back(column.title);
  }
  worksheet_freeze_panes(current_.worksheet, 1, 0);
  current_.next_row = 1;
}

void xlsx_writer::row(std::span<const domain::report_cell> cells)
{
  if (!sheet_open_) throw std::logic_error("a row was written outside a sheet");
  if (current_.next_row == max_sheet_rows) {
    close_sheet();
    open_sheet(names_.unique(current_.title), current_.title, current_.columns);
  }
  const auto count = std::min(cells.size(), current_.columns.size());
  for (std::uint16_t i = 0; i < count; ++i) write_cell(i, cells[i]);
  ++current_.next_row;
  method_.row_written();
}

void xlsx_writer::write_cell(std::uint16_t column, const domain::report_cell& cell)
{
  const auto shown = spreadsheet_cell_for(current_.columns[column], cell);
  current_.widths[column].fit(shown);
  auto* worksheet = current_.worksheet;
  const auto row = current_.next_row;
  auto at = as_datetime(shown.when);
  switch (shown.what) {
    case spreadsheet_cell::kind::empty: return;
    case spreadsheet_cell::kind::number:
      check(worksheet_write_number(worksheet, row, column, shown.number, decimal_format(shown.places)), "writing a number");
      return;
    case spreadsheet_cell::kind::date:
      check(worksheet_write_datetime(worksheet, row, column, &at, shown.when.has_time ? moment_ : date_), "writing a date");
      return;
    case spreadsheet_cell::kind::month:
      check(worksheet_write_datetime(worksheet, row, column, &at, month_), "writing a month");
      return;
    case spreadsheet_cell::kind::text:
      check(worksheet_write_string(worksheet, row, column, shown.text.c_str(), nullptr), "writing text");
      return;
  }
}

void xlsx_writer::end_sheet()
{
  if (sheet_open_) close_sheet();
}

void xlsx_writer::close_sheet()
{
  // Widths are kept apart from the rows and written when the workbook closes, so setting them once
  // the rows are known works in constant-memory mode too.
  for (std::uint16_t i = 0; i < current_.widths.size(); ++i) {
    check(worksheet_set_column(current_.worksheet, i, i, current_.widths[i].characters(), nullptr), "setting a column width");
  }
  sheet_open_ = false;
}

void xlsx_writer::write_method_sheet()
{
  open_sheet(names_.for_method(), std::string(sheet_names::method), method_sheet::columns());
  for (const auto& cells : method_.rows()) {
    for (std::uint16_t i = 0; i < cells.size(); ++i) write_cell(i, cells[i]);
    ++current_.next_row;
  }
  close_sheet();
}

void xlsx_writer::finish()
{
  end_sheet();
  write_method_sheet();
  const auto result = workbook_close(std::exchange(book_, nullptr));
  if (result != LXW_NO_ERROR) throw std::runtime_error(std::string("the XLSX file could not be written: ") + lxw_strerror(result));
}

lxw_format* xlsx_writer::decimal_format(int decimals)
{
  auto& format = decimals_[static_cast<std::size_t>(decimals)];
  if (!format) {
    format = workbook_add_format(book_);
    const std::string pattern = decimals == 0 ? "0" : "0." + std::string(static_cast<std::size_t>(decimals), '0');
    format_set_num_format(format, pattern.c_str());
  }
  return format;
}

void xlsx_writer::check(int result, std::string_view doing) const
{
  if (result != LXW_NO_ERROR) {
    throw std::runtime_error(std::string(doing) + " failed: " + lxw_strerror(static_cast<lxw_error>(result)));
  }
}

}  // namespace pedalpower::exports
