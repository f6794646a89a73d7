#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pedalpower {

/// `text` without leading and trailing white space: ASCII's, Unicode's other spaces, and the
/// zero-width characters.
std::string trimmed(std::string_view text);
/// `text` with ASCII letters in upper case.
std::string upper_case(std::string_view text);
/// `text` with ASCII letters in lower case.
std::string lower_case(std::string_view text);
/// True if every character of `text` is printable ASCII other than a space.
bool is_visible_ascii(std::string_view text);
/// True if `text` has the shape of an email address: one '@', a dotted domain, no spaces.
bool is_email_shape(std::string_view text);
/// Why `text` cannot be stored as a text field, as a phrase ("is not valid UTF-8", "holds a control
/// character"), or nullopt if it can. Tab, line feed and carriage return are allowed.
std::optional<std::string_view> text_fault(std::string_view text);

}  // namespace pedalpower
