#include "column_width.hpp"

#include <algorithm>
#include <cmath>

#include "spreadsheet_limits.hpp"

namespace pedalpower::exports {
namespace {

constexpr double date_width = 11.0;
constexpr double moment_width = 20.0;
constexpr double month_width = 10.0;

double number_length(double value, int decimals)
{
  const double magnitude = std::abs(value);
  const double whole_digits = magnitude < 1.0 ? 1.0 : std::floor(std::log10(magnitude)) + 1.0;
  return whole_digits + (decimals > 0 ? decimals + 1.0 : 0.0) + (value < 0 ? 1.0 : 0.0);
}

}  // namespace

column_width::column_width(std::string_view title)
    : characters_(std::clamp(shown_length(title) + 2.0, narrowest, widest))
{
}

void column_width::fit(const spreadsheet_cell& cell)
{
  switch (cell.what) {
    case spreadsheet_cell::kind::empty: return;
    case spreadsheet_cell::kind::number: widen(number_length(cell.number, cell.places)); return;
    case spreadsheet_cell::kind::date: widen(cell.when.has_time ? moment_width : date_width); return;
    case spreadsheet_cell::kind::month: widen(month_width); return;
    case spreadsheet_cell::kind::text: widen(shown_length(cell.text)); return;
  }
}

void column_width::widen(double wanted) { characters_ = std::max(characters_, std::min(widest, wanted + 1.0)); }

}  // namespace pedalpower::exports
