#include "routes/json_report_writer.hpp"

namespace pedalpower::api {
namespace {

std::string_view kind_name(domain::column_kind kind)
{
  switch (kind) {
    case domain::column_kind::integer: return "integer";
    case domain::column_kind::decimal: return "decimal";
    case domain::column_kind::date: return "date";
    case domain::column_kind::month: return "month";
    case domain::column_kind::text: break;
  }
  return "text";
}

nlohmann::json cell_json(const domain::report_cell& cell)
{
  return std::visit(
      [](const auto& value) -> nlohmann::json {
        using held = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<held, std::monostate>) {
          return nullptr;
        } else {
          return value;
        }
      },
      cell);
}

}  // namespace

void json_report_writer::method(std::span<const domain::method_line> lines)
{
  auto& method = document_["method"];
  for (const auto& line : lines) method.push_back({{"label", line.label}, {"value", line.value}});
}

void json_report_writer::begin_sheet(std::string_view title, std::span<const domain::report_column> columns)
{
  auto listed = nlohmann::json::array();
  keys_.clear();
  for (const auto& column : columns) {
    listed.push_back({{"key", column.key}, {"title", column.title}, {"kind", kind_name(column.kind)}});
    keys_.push_back(column.key);
  }
  document_["sheets"].push_back({{"title", title}, {"columns", std::move(listed)}, {"rows", nlohmann::json::array()}});
}

void json_report_writer::row(std::span<const domain::report_cell> cells)
{
  auto item = nlohmann::json::object();
  for (std::size_t i = 0; i < cells.size() && i < keys_.size(); ++i) item[keys_[i]] = cell_json(cells[i]);
  document_["sheets"].back()["rows"].push_back(std::move(item));
}

}  // namespace pedalpower::api
