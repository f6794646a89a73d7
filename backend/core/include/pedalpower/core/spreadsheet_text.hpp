#pragma once

#include <string>
#include <string_view>

namespace pedalpower {

/// True when a spreadsheet could read `text` as a formula or a command: it begins with =, +, -, @,
/// a tab or a carriage return (OWASP's list for CSV injection).
bool needs_neutralising(std::string_view text);

/// `text` as every file format writes a text cell: one that needs neutralising gets an apostrophe in
/// front, which spreadsheets show as text and never evaluate; any other is unchanged.
std::string neutralised(std::string_view text);

/// A cell read back from a file we wrote: the apostrophe neutralised() put in front is taken away,
/// so an export read back in is the data it was made from ("'Sullivan" stays as it is).
std::string unneutralised(std::string_view text);

}  // namespace pedalpower
