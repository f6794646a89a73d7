#include <cmath>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "format_writers.hpp"
#include "number_text.hpp"
#include "output_file.hpp"

namespace pedalpower::exports {
namespace {

std::string_view kind_name(domain::column_kind kind)
{
  switch (kind) {
    case domain::column_kind::text: return "text";
    case domain::column_kind::integer: return "integer";
    case domain::column_kind::decimal: return "decimal";
    case domain::column_kind::date: return "date";
    case domain::column_kind::month: return "month";
  }
  return "text";
}

class json_writer final : public file_writer {
 public:
  explicit json_writer(const std::filesystem::path& path) : file_(path, "the JSON file") { file_.put("{"); }

  void method(std::span<const domain::method_line> lines) override
  {
    if (method_written_ || sheets_open_) throw std::logic_error("the method comes once, before the sheets");
    method_written_ = true;
    file_.put("\"method\":[");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      file_.put(i == 0 ? "{\"label\":" : ",{\"label\":");
      put_string(lines[i].label);
      file_.put(",\"value\":");
      put_string(lines[i].value);
      file_.put("}");
    }
    file_.put("],");
  }

  void begin_sheet(std::string_view title, std::span<const domain::report_column> columns) override
  {
    end_sheet();
    open_sheets();
    file_.put(first_sheet_ ? "{\"title\":" : ",{\"title\":");
    first_sheet_ = false;
    put_string(title);
    file_.put(",\"columns\":[");
    for (std::size_t i = 0; i < columns.size(); ++i) {
      file_.put(i == 0 ? "{\"key\":" : ",{\"key\":");
      put_string(columns[i].key);
      file_.put(",\"title\":");
      put_string(columns[i].title);
      file_.put(",\"kind\":");
      put_string(kind_name(columns[i].kind));
      file_.put(",\"decimals\":");
      file_.put(number_text(std::int64_t{columns[i].decimals}).view());
      file_.put("}");
    }
    file_.put("],\"rows\":[");
    keys_.clear();
    for (const auto& column : columns) keys_.push_back(column.key);
    first_row_ = true;
    in_sheet_ = true;
  }

  void row(std::span<const domain::report_cell> cells) override
  {
    if (!in_sheet_) throw std::logic_error("a row was written outside a sheet");
    if (cells.size() != keys_.size()) {
      throw std::logic_error("a row has another number of cells than its sheet's columns");
    }
    file_.put(first_row_ ? "{" : ",{");
    first_row_ = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) file_.put(",");
      put_string(keys_[i]);
      file_.put(":");
      const auto& cell = cells[i];
      if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
        file_.put(number_text(*whole).view());
      } else if (const auto* real = std::get_if<double>(&cell); real && std::isfinite(*real)) {
        file_.put(number_text(*real).view());
      } else if (const auto* text = std::get_if<std::string>(&cell)) {
        put_string(*text);
      } else {
        file_.put("null");
      }
    }
    file_.put("}");
  }

  void end_sheet() override
  {
    if (!in_sheet_) return;
    file_.put("]}");
    in_sheet_ = false;
  }

  void finish() override
  {
    end_sheet();
    open_sheets();
    file_.put("]}");
    file_.close();
  }

 private:
  void put_string(std::string_view text)
  {
    file_.put(nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }

  void open_sheets()
  {
    if (sheets_open_) return;
    if (!method_written_) file_.put("\"method\":[],");
    method_written_ = true;
    file_.put("\"sheets\":[");
    sheets_open_ = true;
  }

  output_file file_;
  std::vector<std::string> keys_;  ///< the open sheet's column keys, one per cell of a row
  bool method_written_ = false;
  bool sheets_open_ = false;
  bool first_sheet_ = true;
  bool first_row_ = true;
  bool in_sheet_ = false;
};

}  // namespace

std::unique_ptr<file_writer> open_json_writer(const std::filesystem::path& path)
{
  return std::make_unique<json_writer>(path);
}

}  // namespace pedalpower::exports
