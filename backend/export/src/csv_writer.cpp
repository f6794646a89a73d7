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
constexpr std::size_t buffer_bytes = 1 << 16;

bool needs_quotes(std::string_view text) { return text.find_first_of(",\"\r\n") != std::string_view::npos; }

}  // namespace

csv_writer::csv_writer(const std::filesystem::path& path) : file_(std::fopen(path.c_str(), "wb"))
{
  if (!file_) throw std::runtime_error("cannot create " + path.string());
  std::setvbuf(file_, nullptr, _IOFBF, buffer_bytes);
  put(byte_order_mark);
}

csv_writer::~csv_writer()
{
  if (file_) std::fclose(file_);
}

void csv_writer::method(std::span<const domain::method_line>) {}

void csv_writer::begin_sheet(std::string_view, std::span<const domain::report_column> columns)
{
  in_first_sheet_ = sheets_begun_++ == 0;
  if (!in_first_sheet_) return;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) put(",");
    put_field(neutralised(columns[i].key));
  }
  put(line_end);
}

void csv_writer::row(std::span<const domain::report_cell> cells)
{
  if (!in_first_sheet_) return;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) put(",");
    const auto& cell = cells[i];
    if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
      put(number_text(*whole).view());
    } else if (const auto* real = std::get_if<double>(&cell)) {
      if (std::isfinite(*real)) put(number_text(*real).view());
    } else if (const auto* text = std::get_if<std::string>(&cell)) {
      put_field(neutralised(*text));
    }
  }
  put(line_end);
}

void csv_writer::end_sheet() { in_first_sheet_ = false; }

void csv_writer::finish()
{
  const bool failed = std::ferror(file_) != 0;
  const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
  if (failed || !closed) throw std::runtime_error("the CSV file could not be written");
}

void csv_writer::put(std::string_view text)
{
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    throw std::runtime_error("the CSV file could not be written");
  }
}

void csv_writer::put_field(std::string_view text)
{
  if (!needs_quotes(text)) {
    put(text);
    return;
  }
  put("\"");
  for (auto quote = text.find('"'); quote != std::string_view::npos; quote = text.find('"')) {
    put(text.substr(0, quote + 1));
    put("\"");
    text.remove_prefix(quote + 1);
  }
  put(text);
  put("\"");
}

}  // namespace pedalpower::exports
