#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "format_writers.hpp"
#include "ods_parts.hpp"
#include "pedalpower/core/spreadsheet_text.hpp"
#include "spreadsheet_limits.hpp"
#include "workbook_writer.hpp"
#include "xml_text.hpp"
#include "zip_package.hpp"

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

void append_cell(std::string& xml, const spreadsheet_cell& shown)
{
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

class ods_writer final : public workbook_writer {
 public:
  explicit ods_writer(const std::filesystem::path& path);

 private:
  void start_sheet(const sheet& opened) override;
  void write_row(const sheet& open, std::span<const spreadsheet_cell> cells) override;
  void close_sheet(const sheet& closed) override;
  void complete() override;

  void start_table(const sheet& open);
  void send(bool all);

  zip_package package_;
  std::string content_;  ///< content.xml not yet deflated into the package
  std::string held_;     ///< a sheet's first rows, held until its column widths are known
  bool table_started_ = false;
  std::vector<std::string> written_names_;
};

ods_writer::ods_writer(const std::filesystem::path& path) : package_(path)
{
  package_.add_stored("mimetype", ods::media_type);
  package_.begin_deflated("content.xml");
  content_ = ods::content_start();
}

void ods_writer::start_sheet(const sheet& opened)
{
  table_started_ = false;
  held_ = "<table:table-header-rows><table:table-row>";
  for (const auto& column : opened.columns)
    append_text_cell(held_, neutralised(fitted(column.title)), ods::header_style());
  if (opened.columns.empty()) held_ += "<table:table-cell/>";
  held_ += "</table:table-row></table:table-header-rows>";
}

void ods_writer::write_row(const sheet& open, std::span<const spreadsheet_cell> cells)
{
  auto& xml = table_started_ ? content_ : held_;
  xml += "<table:table-row>";
  for (const auto& cell : cells) append_cell(xml, cell);
  for (std::size_t i = cells.size(); i < open.columns.size(); ++i) xml += "<table:table-cell/>";
  if (open.columns.empty()) xml += "<table:table-cell/>";
  xml += "</table:table-row>";
  if (!table_started_ && open.next_row >= rows_sizing_columns) start_table(open);
  if (table_started_) send(false);
}

void ods_writer::start_table(const sheet& open)
{
  content_ += R"(<table:table table:name=")";
  append_xml_escaped(content_, open.name);
  content_ += R"(">)";
  for (const auto& width : open.widths) {
    content_ += R"(<table:table-column table:style-name=")" + ods::column_style(width.characters()) + R"("/>)";
  }
  if (open.widths.empty()) content_ += "<table:table-column/>";
  content_ += held_;
  held_.clear();
  held_.shrink_to_fit();
  table_started_ = true;
  written_names_.push_back(open.name);
}

void ods_writer::close_sheet(const sheet& closed)
{
  if (!table_started_) start_table(closed);
  content_ += "</table:table>";
  send(false);
}

void ods_writer::send(bool all)
{
  if (!all && content_.size() < send_block_bytes) return;
  package_.write(content_);
  content_.clear();
}

void ods_writer::complete()
{
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

}  // namespace

std::unique_ptr<file_writer> open_ods_writer(const std::filesystem::path& path)
{
  return std::make_unique<ods_writer>(path);
}

}  // namespace pedalpower::exports
