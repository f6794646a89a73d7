#pragma once

#include <set>
#include <string>
#include <string_view>

namespace pedalpower::exports {

/// The names of a workbook's sheets: each one unique, at most 31 bytes, free of the characters
/// spreadsheets refuse ([ ] : * ? / \) and of leading or trailing apostrophes. "Method" is kept
/// for the sheet every workbook ends with.
class sheet_names {
 public:
  static constexpr std::string_view method = "Method";

  sheet_names();

  /// A name for a sheet titled `title`, not given before: "Loans (2)" when "Loans" is taken.
  std::string unique(std::string_view title);
  /// The Method sheet's name, once every other sheet has its own.
  std::string for_method();

 private:
  std::set<std::string> taken_;
};

}  // namespace pedalpower::exports
