#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <xlsxwriter.h>

#include "format_writers.hpp"
#include "pedalpower/core/spreadsheet_text.hpp"
#include "workbook_writer.hpp"

namespace pedalpower::exports {
namespace {

lxw_datetime as_datetime(const calendar_value& value)
{
  return {value.year, value.month, value.day, value.hour, value.minute, value.second};
}

void check(int result, std::string_view doing)
{
  if (result != LXW_NO_ERROR) {
    throw std::runtime_error(std::string(doing) + " failed: " + lxw_strerror(static_cast<lxw_error>(result)));
  }
}

class xlsx_writer final : public workbook_writer {
 public:
  xlsx_writer(const std::filesystem::path& path, const file_options& options);
  ~xlsx_writer() override;
  xlsx_writer(const xlsx_writer&) = delete;
  xlsx_writer& operator=(const xlsx_writer&) = delete;

 private:
  void start_sheet(const sheet& opened) override;
  void write_row(const sheet& open, std::span<const spreadsheet_cell> cells) override;
  void close_sheet(const sheet& closed) override;
  void complete() override;

  lxw_format* decimal_format(int decimals);

  lxw_workbook* book_ = nullptr;
  std::string scratch_folder_;
  lxw_worksheet* worksheet_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* moment_ = nullptr;
  lxw_format* month_ = nullptr;
  std::vector<lxw_format*> decimals_;
};

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

void xlsx_writer::start_sheet(const sheet& opened)
{
  worksheet_ = workbook_add_worksheet(book_, opened.name.c_str());
  if (!worksheet_) throw std::runtime_error("cannot add the sheet " + opened.name);
  for (lxw_col_t i = 0; i < opened.columns.size(); ++i) {
    check(worksheet_write_string(worksheet_, 0, i, neutralised(opened.columns[i].title).c_str(), header_),
          "writing a header");
  }
  worksheet_freeze_panes(worksheet_, 1, 0);
}

void xlsx_writer::write_row(const sheet& open, std::span<const spreadsheet_cell> cells)
{
  const auto row = open.next_row;
  for (lxw_col_t column = 0; column < cells.size(); ++column) {
    const auto& shown = cells[column];
    auto at = as_datetime(shown.when);
    switch (shown.what) {
      case spreadsheet_cell::kind::empty:
        break;
      case spreadsheet_cell::kind::number:
        check(worksheet_write_number(worksheet_, row, column, shown.number, decimal_format(shown.places)),
              "writing a number");
        break;
      case spreadsheet_cell::kind::date:
        check(worksheet_write_datetime(worksheet_, row, column, &at, shown.when.has_time ? moment_ : date_),
              "writing a date");
        break;
      case spreadsheet_cell::kind::month:
        check(worksheet_write_datetime(worksheet_, row, column, &at, month_), "writing a month");
        break;
      case spreadsheet_cell::kind::text:
        check(worksheet_write_string(worksheet_, row, column, shown.text.c_str(), nullptr), "writing text");
        break;
    }
  }
}

void xlsx_writer::close_sheet(const sheet& closed)
{
  // Widths are kept apart from the rows and written when the workbook closes, so setting them once
  // the rows are known works in constant-memory mode too.
  for (lxw_col_t i = 0; i < closed.widths.size(); ++i) {
    check(worksheet_set_column(worksheet_, i, i, closed.widths[i].characters(), nullptr), "setting a column width");
  }
}

void xlsx_writer::complete()
{
  const auto result = workbook_close(std::exchange(book_, nullptr));
  if (result != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("the XLSX file could not be written: ") + lxw_strerror(result));
  }
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

}  // namespace

std::unique_ptr<file_writer> open_xlsx_writer(const std::filesystem::path& path, const file_options& options)
{
  return std::make_unique<xlsx_writer>(path, options);
}

}  // namespace pedalpower::exports
