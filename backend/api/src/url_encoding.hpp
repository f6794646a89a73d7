#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pedalpower::api {

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt on a broken escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// Splits `a=1&b=2` (a query string or an application/x-www-form-urlencoded body) into decoded pairs.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_form(std::string_view text);

}  // namespace pedalpower::api
