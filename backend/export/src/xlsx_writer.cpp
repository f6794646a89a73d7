#include "xlsx_writer.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>
#include <variant>

#include <xlsxwriter.h>

#include "calendar_text.hpp"
#include "pedalpower/export/cell_text.hpp"

namespace pedalpower::exports {
namespace {

constexpr std::uint32_t max_rows = LXW_ROW_MAX;
constexpr std::size_t max_text_bytes = 32767;  // a spreadsheet cell holds no more
constexpr std::size_t max_sheet_name = 31;
constexpr std::string_view method_sheet_name = "Method";
constexpr int max_decimals = 9;
constexpr double min_width = 8.0;
constexpr double max_width = 60.0;
constexpr double date_width = 11.0;
constexpr double moment_width = 20.0;
constexpr double month_width = 10.0;

/// Characters as a reader counts them: UTF-8 continuation bytes are not characters.
double shown_length(std::string_view text)
{
  return static_cast<double>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

double number_length(double value, int decimals)
{
  const double magnitude = std::abs(value);
  const double whole_digits = magnitude < 1.0 ? 1.0 : std::floor(std::log10(magnitude)) + 1.0;
  return whole_digits + (decimals > 0 ? decimals + 1.0 : 0.0) + (value < 0 ? 1.0 : 0.0);
}

/// The longest prefix of `text` that fits a cell and ends on a whole UTF-8 character.
std::string_view fitted(std::string_view text)
{
  if (text.size() <= max_text_bytes) return text;
  auto end = max_text_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

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
  integer_ = workbook_add_format(book_);
  format_set_num_format(integer_, "0");
  date_ = workbook_add_format(book_);
  format_set_num_format(date_, "yyyy-mm-dd");
  moment_ = workbook_add_format(book_);
  format_set_num_format(moment_, "yyyy-mm-dd hh:mm:ss");
  month_ = workbook_add_format(book_);
  format_set_num_format(month_, "mmm yyyy");
  decimals_.assign(max_decimals + 1, nullptr);
  sheet_names_.emplace(method_sheet_name);
}

xlsx_writer::~xlsx_writer()
{
  if (book_) lxw_workbook_free(book_);
}

void xlsx_writer::method(std::span<const domain::method_line> lines) { method_.assign(lines.begin(), lines.end()); }

void xlsx_writer::begin_sheet(std::string_view title, std::span<const domain::report_column> columns)
{
  if (sheet_open_) end_sheet();
  row_counts_.emplace_back(std::string(title), 0);
  open_sheet(std::string(title), {columns.begin(), columns.end()});
}

void xlsx_writer::open_sheet(std::string title, std::vector<domain::report_column> columns)
{
  current_ = sheet{};
  current_.worksheet = workbook_add_worksheet(book_, unique_sheet_name(title).c_str());
  if (!current_.worksheet) throw std::runtime_error("cannot add the sheet " + title);
  current_.title = std::move(title);
  current_.columns = std::move(columns);
  sheet_open_ = true;
  for (std::uint16_t i = 0; i < current_.columns.size(); ++i) {
    const auto& column = current_.columns[i];
    check(worksheet_write_string(current_.worksheet, 0, i, neutralised(column.title).c_str(), header_),
          "writing a header");
    current_.widths.push_back(std::max(min_width, std::min(max_width, shown_length(column.title) + 2.0)));
  }
  worksheet_freeze_panes(current_.worksheet, 1, 0);
  current_.next_row = 1;
}

void xlsx_writer::row(std::span<const domain::report_cell> cells)
{
  if (!sheet_open_) throw std::logic_error("a row was written outside a sheet");
  if (current_.next_row == max_rows) {
    close_sheet();
    open_sheet(current_.title, current_.columns);
  }
  const auto count = std::min(cells.size(), current_.columns.size());
  for (std::uint16_t i = 0; i < count; ++i) write_cell(i, cells[i]);
  ++current_.next_row;
  ++row_counts_.back().second;
}

void xlsx_writer::write_cell(std::uint16_t column, const domain::report_cell& cell)
{
  const auto& kind = current_.columns[column];
  auto& width = current_.widths[column];
  const auto row = current_.next_row;
  const auto widen = [&width](double wanted) { width = std::max(width, std::min(max_width, wanted + 1.0)); };
  if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
    check(worksheet_write_number(current_.worksheet, row, column, static_cast<double>(*whole), integer_), "writing a number");
    widen(number_length(static_cast<double>(*whole), 0));
  } else if (const auto* real = std::get_if<double>(&cell)) {
    if (!std::isfinite(*real)) return;
    const int places = kind.kind == domain::column_kind::integer ? 0 : std::clamp(kind.decimals, 0, max_decimals);
    check(worksheet_write_number(current_.worksheet, row, column, *real, decimal_format(places)), "writing a number");
    widen(number_length(*real, places));
  } else if (const auto* text = std::get_if<std::string>(&cell)) {
    if (kind.kind == domain::column_kind::date) {
      if (const auto day = read_date(*text)) {
        auto at = as_datetime(*day);
        check(worksheet_write_datetime(current_.worksheet, row, column, &at, day->has_time ? moment_ : date_),
              "writing a date");
        widen(day->has_time ? moment_width : date_width);
        return;
      }
    } else if (kind.kind == domain::column_kind::month) {
      if (const auto month = read_month(*text)) {
        auto at = as_datetime(*month);
        check(worksheet_write_datetime(current_.worksheet, row, column, &at, month_), "writing a month");
        widen(month_width);
        return;
      }
    }
    write_text(column, *text);
  }
}

void xlsx_writer::write_text(std::uint16_t column, std::string_view text)
{
  const auto safe = neutralised(fitted(text));
  check(worksheet_write_string(current_.worksheet, current_.next_row, column, std::string(fitted(safe)).c_str(), nullptr),
        "writing text");
  auto& width = current_.widths[column];
  width = std::max(width, std::min(max_width, shown_length(safe) + 1.0));
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
    check(worksheet_set_column(current_.worksheet, i, i, current_.widths[i], nullptr), "setting a column width");
  }
  sheet_open_ = false;
}

void xlsx_writer::write_method_sheet()
{
  open_sheet(std::string(method_sheet_name), {{"item", "Item"}, {"value", "Value"}});
  for (const auto& line : method_) {
    write_text(0, line.label);
    write_text(1, line.value);
    ++current_.next_row;
  }
  for (const auto& [title, rows] : row_counts_) {
    write_text(0, "Rows in " + title);
    write_cell(1, domain::report_cell{rows});
    ++current_.next_row;
  }
  close_sheet();
}

void xlsx_writer::finish()
{
  end_sheet();
  sheet_names_.erase(std::string(method_sheet_name));
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

std::string xlsx_writer::unique_sheet_name(std::string_view title)
{
  std::string name;
  for (const char c : title) name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : ' ';
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  if (name.empty()) name = "Sheet";
  const auto cut = [](std::string text, std::size_t limit) {
    if (text.size() <= limit) return text;
    auto end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
    while (!text.empty() && text.back() == '\'') text.pop_back();
    return text;
  };
  auto candidate = cut(name, max_sheet_name);
  for (int copy = 2; sheet_names_.contains(candidate); ++copy) {
    const auto suffix = " (" + std::to_string(copy) + ")";
    candidate = cut(name, max_sheet_name - suffix.size()) + suffix;
  }
  sheet_names_.insert(candidate);
  return candidate;
}

void xlsx_writer::check(int result, std::string_view doing) const
{
  if (result != LXW_NO_ERROR) {
    throw std::runtime_error(std::string(doing) + " failed: " + lxw_strerror(static_cast<lxw_error>(result)));
  }
}

}  // namespace pedalpower::exports
