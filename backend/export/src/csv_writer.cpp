#include <cmath>
#include <string>
#include <variant>

#include "format_writers.hpp"
#include "number_text.hpp"
#include "output_file.hpp"
#include "pedalpower/core/spreadsheet_text.hpp"

namespace pedalpower::exports {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
constexpr std::string_view line_end = "\r\n";

bool needs_quotes(std::string_view text) { return text.find_first_of(",\"\r\n") != std::string_view::npos; }

class csv_writer final : public file_writer {
 public:
  explicit csv_writer(const std::filesystem::path& path) : file_(path, "the CSV file") { file_.put(byte_order_mark); }

  void method(std::span<const domain::method_line>) override {}

  void begin_sheet(std::string_view, std::span<const domain::report_column> columns) override
  {
    in_first_sheet_ = sheets_begun_++ == 0;
    if (!in_first_sheet_) return;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) file_.put(",");
      put_field(neutralised(columns[i].key));
    }
    file_.put(line_end);
  }

  void row(std::span<const domain::report_cell> cells) override
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

  void end_sheet() override { in_first_sheet_ = false; }

  void finish() override { file_.close(); }

 private:
  void put_field(std::string_view text)
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

  output_file file_;
  int sheets_begun_ = 0;
  bool in_first_sheet_ = false;
};

}  // namespace

std::unique_ptr<file_writer> open_csv_writer(const std::filesystem::path& path)
{
  return std::make_unique<csv_writer>(path);
}

}  // namespace pedalpower::exports
