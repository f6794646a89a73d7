#include "ods_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "ods_parts.hpp"
#include "pedalpower/export/cell_text.hpp"
#include "spreadsheet_limits.hpp"
#include "xml_text.hpp"

namespace pedalpower::exports {
namespace {

/// Rows held before a sheet's column widths are settled: enough to size them as the XLSX does for
/// any list whose rows look alike, few enough that memory stays small.
constexpr std::uint32_t rows_sizing_columns = 200;
constexpr std::size_t send_block_bytes = 1 << 16;

/// `value` in the shortest form that reads back the same, or fixed to `places` decimals. A double
/// is at most 309 digits before the point, so the buffer always holds it.
void append_number(std::string& xml, double value, std::chars_format format, int places = -1)
{
  char digits[400];
  const auto written = places < 0 ? std::to_chars(digits, digits + sizeof digits, value, format)
                                  : std::to_chars(digits, digits + sizeof digits, value, format, places);
  if (written.ec != std::errc{}) throw std::runtime_error("a number could not be written");
  xml.append(digits, written.ptr);
}

void append_two_digits(std::string& xml, int value)
{
  xml += static_cast<char>('0' + value / 10 % 10);
  xml += static_cast<char>('0' + value % 10);
}

/// "2026-01-15", or "2026-01-15T08:30:05" (`separator` 'T') / "2026-01-15 08:30:05" (' ') with a time.
void append_calendar(std::string& xml, const calendar_value& when, bool with_time, char separator)
{
  char year[16];
  std::snprintf(year, sizeof year, "%04d", when.year);
  xml += year;
  xml += '-';
  append_two_digits(xml, when.month);
  xml += '-';
  append_two_digits(xml, when.day);
  if (!with_time) return;
  xml += separator;
  append_two_digits(xml, when.hour);
  xml += ':';
  append_two_digits(xml, when.minute);
  xml += ':';
  // xsd:dateTime has no leap second: one is shown as the last moment before it.
  const double second = std::min(when.second, 59.999);
  const double whole_seconds = std::floor(second);
  append_two_digits(xml, static_cast<int>(whole_seconds));
  // Milliseconds, as the reports give them; never rounded up into the next second.
  const auto milliseconds = std::min(999L, std::lround((second - whole_seconds) * 1000.0));
  if (separator == 'T' && milliseconds > 0) {
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03ld", milliseconds);
    xml += fraction;
  }
}

constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void append_cell_start(std::string& xml, std::string_view style, std::string_view value_type)
{
  xml += R"(<table:table-cell table:style-name=")";
  xml += style;
  xml += R"(" office:value-type=")";
  xml += value_type;
  xml += '"';
}

void append_text_cell(std::string& xml, std::string_view text, std::string_view style = {})
{
  xml += "<table:table-cell";
  if (!style.empty()) {
    xml += R"( table:style-name=")";
    xml += style;
    xml += '"';
  }
  xml += R"( office:value-type="string"><text:p>)";
  append_paragraph_text(xml, text);
  xml += "</text:p></table:table-cell>";
}

}  // namespace

ods_writer::ods_writer(const std::filesystem::path& path) : package_(path)
{
  package_.add_stored("mimetype", ods::media_type);
  package_.begin_deflated("content.xml");
  content_ = ods::content_start();
}

void ods_writer::method(std::span<const domain::method_line> lines) { method_.set_lines(lines); }

void ods_writer::begin_sheet(std::string_view title, std::span<const domain::report_column> columns)
{
  if (sheet_open_) end_sheet();
  method_.sheet_begun(title);
  open_sheet(names_.unique(title), std::string(title), {columns.begin(), columns.end()});
}

void ods_writer::open_sheet(std::string name, std::string title, std::vector<domain::report_column> columns)
{
  current_ = sheet{};
  current_.name = std::move(name);
  current_.title = std::move(title);
  current_.columns = std::move(columns);
  sheet_open_ = true;
  held_ = "<table:table-header-rows><table:table-row>";
  for (const auto& column : current_.columns) {
    current_.widths.emplace_back(column.title);
    append_text_cell(held_, neutralised(fitted(column.title)), ods::header_style());
  }
  if (current_.columns.empty()) held_ += "<table:table-cell/>";
  held_ += "</table:table-row></table:table-header-rows>";
  current_.next_row = 1;
}

void ods_writer::row(std::span<const domain::report_cell> cells)
{
  if (!sheet_open_) throw std::logic_error("a row was written outside a sheet");
  if (current_.next_row == max_sheet_rows) {
    close_sheet();
    auto continued = names_.unique(current_.title);
    open_sheet(std::move(continued), current_.title, current_.columns);
  }
  write_row(cells);
  method_.row_written();
}

void ods_writer::write_row(std::span<const domain::report_cell> cells)
{
  auto& xml = current_.columns_written ? content_ : held_;
  xml += "<table:table-row>";
  const auto count = std::min(cells.size(), current_.columns.size());
  for (std::size_t i = 0; i < count; ++i) write_cell(xml, i, cells[i]);
  for (std::size_t i = count; i < current_.columns.size(); ++i) xml += "<table:table-cell/>";
  if (current_.columns.empty()) xml += "<table:table-cell/>";
  xml += "</table:table-row>";
  ++current_.next_row;
  if (!current_.columns_written && current_.next_row > rows_sizing_columns) write_table_start();
  if (current_.columns_written) send(false);
}

void ods_writer::write_cell(std::string& xml, std::size_t column, const domain::report_cell& cell)
{
  const auto shown = spreadsheet_cell_for(current_.columns[column], cell);
  if (!current_.columns_written) current_.widths[column].fit(shown);
  switch (shown.what) {
    case spreadsheet_cell::kind::empty:
      xml += "<table:table-cell/>";
      return;
    case spreadsheet_cell::kind::number:
      append_cell_start(xml, ods::number_style(shown.places), "float");
      xml += R"( office:value=")";
      append_number(xml, shown.number, std::chars_format::general);
      xml += R"("><text:p>)";
      append_number(xml, shown.number, std::chars_format::fixed, shown.places);
      break;
    case spreadsheet_cell::kind::date:
      append_cell_start(xml, ods::date_style(shown.when.has_time), "date");
      xml += R"( office:date-value=")";
      append_calendar(xml, shown.when, shown.when.has_time, 'T');
      xml += R"("><text:p>)";
      append_calendar(xml, shown.when, shown.when.has_time, ' ');
      break;
    case spreadsheet_cell::kind::month:
      append_cell_start(xml, ods::month_style(), "date");
      xml += R"( office:date-value=")";
      append_calendar(xml, shown.when, false, 'T');
      xml += R"("><text:p>)";
      xml += month_names[static_cast<std::size_t>(std::clamp(shown.when.month, 1, 12) - 1)];
      xml += ' ';
      xml += std::to_string(shown.when.year);
      break;
    case spreadsheet_cell::kind::text:
      append_text_cell(xml, shown.text);
      return;
  }
  xml += "</text:p></table:table-cell>";
}

void ods_writer::write_table_start()
{
  content_ += R"(<table:table table:name=")";
  append_xml_escaped(content_, current_.name);
  content_ += R"(">)";
  for (const auto& width : current_.widths) {
    content_ += R"(<table:table-column table:style-name=")" + ods::column_style(width.characters()) + R"("/>)";
  }
  if (current_.widths.empty()) content_ += "<table:table-column/>";
  content_ += held_;
  held_.clear();
  held_.shrink_to_fit();
  current_.columns_written = true;
  written_names_.push_back(current_.name);
}

void ods_writer::end_sheet()
{
  if (sheet_open_) close_sheet();
}

void ods_writer::close_sheet()
{
  if (!current_.columns_written) write_table_start();
  content_ += "</table:table>";
  sheet_open_ = false;
  send(false);
}

void ods_writer::send(bool all)
{
  if (!all && content_.size() < send_block_bytes) return;
  package_.write(content_);
  content_.clear();
}

void ods_writer::finish()
{
  end_sheet();
  open_sheet(names_.for_method(), std::string(sheet_names::method), method_sheet::columns());
  for (const auto& cells : method_.rows()) write_row(cells);
  close_sheet();
  content_ += ods::content_end();
  send(true);
  package_.end_entry();
  package_.begin_deflated("settings.xml");
  package_.write(ods::settings(written_names_));
  package_.end_entry();
  package_.begin_deflated("META-INF/manifest.xml");
  package_.write(ods::manifest());
  package_.end_entry();
  package_.close();
}

}  // namespace pedalpower::exports
