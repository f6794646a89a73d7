#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pedalpower::exports {

/// What the spreadsheet programs hold at most, which every workbook format keeps within.
inline constexpr std::uint32_t max_sheet_rows = 1'048'576;
inline constexpr std::size_t max_cell_text_bytes = 32'767;

/// The longest prefix of `text` that fits a cell and ends on a whole UTF-8 character.
std::string_view fitted(std::string_view text);

/// Characters as a reader counts them: UTF-8 continuation bytes are not characters.
double shown_length(std::string_view text);

}  // namespace pedalpower::exports
