#include "workbook_writer.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "spreadsheet_limits.hpp"

namespace pedalpower::exports {

void workbook_writer::method(std::span<const domain::method_line> lines) { method_.set_lines(lines); }

void workbook_writer::begin_sheet(std::string_view title, std::span<const domain::report_column> columns)
{
  end_sheet();
  method_.sheet_begun(title);
  open_sheet(names_.unique(title), std::string(title), {columns.begin(), columns.end()});
}

void workbook_writer::row(std::span<const domain::report_cell> cells)
{
  if (!sheet_open_) throw std::logic_error("a row was written outside a sheet");
  if (current_.next_row == max_sheet_rows) {
    close_open_sheet();
    auto continued = names_.unique(title_);
    open_sheet(std::move(continued), title_, current_.columns);
  }
  put_row(cells);
  method_.row_written();
}

void workbook_writer::end_sheet()
{
  if (sheet_open_) close_open_sheet();
}

void workbook_writer::finish()
{
  end_sheet();
  open_sheet(names_.for_method(), std::string(sheet_names::method), method_sheet::columns());
  for (const auto& cells : method_.rows()) put_row(cells);
  close_open_sheet();
  complete();
}

void workbook_writer::open_sheet(std::string name, std::string title, std::vector<domain::report_column> columns)
{
  current_ = sheet{};
  current_.name = std::move(name);
  current_.columns = std::move(columns);
  for (const auto& column : current_.columns) current_.widths.emplace_back(column.title);
  title_ = std::move(title);
  start_sheet(current_);
  sheet_open_ = true;
}

void workbook_writer::put_row(std::span<const domain::report_cell> cells)
{
  const auto count = std::min(cells.size(), current_.columns.size());
  shown_.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    shown_[i] = spreadsheet_cell_for(current_.columns[i], cells[i]);
    current_.widths[i].fit(shown_[i]);
  }
  write_row(current_, shown_);
  ++current_.next_row;
}

void workbook_writer::close_open_sheet()
{
  sheet_open_ = false;
  close_sheet(current_);
}

}  // namespace pedalpower::exports
