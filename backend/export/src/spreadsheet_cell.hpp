#pragma once

#include <string>

#include "calendar_text.hpp"
#include "pedalpower/domain/report_writer.hpp"

namespace pedalpower::exports {

/// The most decimal places a number is shown to.
inline constexpr int max_decimal_places = 9;

/// A report's cell as every workbook format holds it: numbers as numbers shown to their column's
/// places, dates and months as dates, text neutralised and cut to what a cell holds.
struct spreadsheet_cell {
  enum class kind { empty, number, date, month, text };

  kind what = kind::empty;
  double number = 0.0;
  int places = 0;         ///< for a number: the decimal places shown
  calendar_value when{};  ///< for a date (with or without a time) or a month
  std::string text;       ///< for text
};

/// How `cell` in `column` is held: a decimal column's places (0 to 9), an integer column's none;
/// a date or month column's text that reads as one becomes a date, any other text stays text;
/// a number that is not finite and text that is empty are left empty.
spreadsheet_cell spreadsheet_cell_for(const domain::report_column& column, const domain::report_cell& cell);

}  // namespace pedalpower::exports
