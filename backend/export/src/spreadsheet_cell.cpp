#include "spreadsheet_cell.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

#include "pedalpower/core/spreadsheet_text.hpp"
#include "spreadsheet_limits.hpp"

namespace pedalpower::exports {
namespace {

spreadsheet_cell number_cell(double value, int places)
{
  spreadsheet_cell shown;
  shown.what = spreadsheet_cell::kind::number;
  shown.number = value;
  shown.places = places;
  return shown;
}

spreadsheet_cell calendar_cell(spreadsheet_cell::kind what, const calendar_value& when)
{
  spreadsheet_cell shown;
  shown.what = what;
  shown.when = when;
  return shown;
}

spreadsheet_cell text_cell(std::string_view text)
{
  spreadsheet_cell shown;
  shown.what = spreadsheet_cell::kind::text;
  shown.text = std::string(fitted(neutralised(fitted(text))));
  return shown;
}

}  // namespace

spreadsheet_cell spreadsheet_cell_for(const domain::report_column& column, const domain::report_cell& cell)
{
  using kind = spreadsheet_cell::kind;
  if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
    return number_cell(static_cast<double>(*whole), 0);
  }
  if (const auto* real = std::get_if<double>(&cell)) {
    if (!std::isfinite(*real)) return {};
    const int places = column.kind == domain::column_kind::integer ? 0 : std::clamp(column.decimals, 0, max_decimal_places);
    return number_cell(*real, places);
  }
  const auto* text = std::get_if<std::string>(&cell);
  if (!text || text->empty()) return {};
  if (column.kind == domain::column_kind::date) {
    if (const auto day = read_date(*text)) return calendar_cell(kind::date, *day);
  } else if (column.kind == domain::column_kind::month) {
    if (const auto month = read_month(*text)) return calendar_cell(kind::month, *month);
  }
  return text_cell(*text);
}

}  // namespace pedalpower::exports
