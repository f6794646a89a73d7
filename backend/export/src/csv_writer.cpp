#include "csv_writer.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

#include "number_text.hpp"
#include "pedalpower/export/cell_text.hpp"

namespace pedalpower::exports {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
constexpr std::string_view line_end = "\r\n";

bool needs_quotes(std::string_view text) { return text.find_first_of(",\"\r\n") != std::string_view::npos; }

}  // namespace

csv_writer::csv_writer(const std::filesystem::path& path) : file_(path, "the CSV file")
{
  file_.put(byte_order_mark);
}

void csv_writer::method(std::span<const domain::method_line>) {}

void csv_writer::begin_sheet(std::string_view, std::span<const domain::report_column> columns)
{
  in_first_sheet_ = sheets_begun_++ == 0;
  if (!in_first_sheet_) return;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) file_.put(",");
    put_field(neutralised(columns[i].key));
  }
  file_.put(line_end);
}

void csv_writer::row(std::span<const domain::report_cell> cells)
{
  if (!in_first_sheet_) return;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) file_.put(",");
    const auto& cell = cells[i];
    if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
      file_.put(number_text(*whole).view());
    } else if (const auto* real = std::get_if<double>(&cell)) {
      if (std::isfinite(*real)) file_.put(number_text(*real).view());
    } else if (const auto* text = std::get_if<std::string>(&cell)) {
      put_field(neutralised(*text));
    }
  }
  file_.put(line_end);
}

void csv_writer::end_sheet() { in_first_sheet_ = false; }

void csv_writer::finish()
{
  file_.close();
}

void csv_writer::put_field(std::string_view text)
{
  if (!needs_quotes(text)) {
    file_.put(text);
    return;
  }
  file_.put("\"");
  for (auto quote = text.find('"'); quote != std::string_view::npos; quote = text.find('"')) {
    file_.put(text.substr(0, quote + 1));
    file_.put("\"");
    text.remove_prefix(quote + 1);
  }
  file_.put(text);
  file_.put("\"");
}

}  // namespace pedalpower::exports
