#pragma once

#include <string>
#include <string_view>

namespace pedalpower::telematics::detail {

/// Text without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text) noexcept;

/// A finite decimal number, the whole of `text` after trimming (a leading '+' allowed). Throws
/// invalid_input naming `field` otherwise.
double parse_number(std::string_view text, std::string_view field);

/// A number in the shortest plain form that reads back the same to six figures, for messages.
std::string format_number(double value);

/// ASCII case-insensitive equality.
bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept;

}  // namespace pedalpower::telematics::detail
