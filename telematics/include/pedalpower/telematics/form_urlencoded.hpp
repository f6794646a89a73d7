#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pedalpower::telematics {

/// Decoded `key=value` pairs in the order they were sent.
using key_values = std::vector<std::pair<std::string, std::string>>;

/// Decodes `%XX` escapes and, as application/x-www-form-urlencoded requires, `+` as a space
/// (pass `plus_is_space = false` for a URL path, where `+` is itself).
/// Throws invalid_input (field "encoding") on a truncated or non-hex escape.
std::string url_decode(std::string_view text, bool plus_is_space = true);

/// Splits a query string or form body `a=b&c=d` into decoded pairs. Empty parts are skipped and a
/// key without `=` gets an empty value. Throws invalid_input (field "encoding") on a bad escape.
key_values parse_form_urlencoded(std::string_view text);

}  // namespace pedalpower::telematics
