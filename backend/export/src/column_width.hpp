#pragma once

#include <string_view>

#include "spreadsheet_cell.hpp"

namespace pedalpower::exports {

/// How wide a spreadsheet shows a column, in characters: wide enough for its title and for the
/// cells it has been shown, within limits, so a long note does not make a column a screen wide.
class column_width {
 public:
  static constexpr double narrowest = 8.0;
  static constexpr double widest = 60.0;

  explicit column_width(std::string_view title);

  /// Widens the column, if need be, to show `cell`.
  void fit(const spreadsheet_cell& cell);

  double characters() const { return characters_; }

 private:
  void widen(double wanted);

  double characters_;
};

}  // namespace pedalpower::exports
