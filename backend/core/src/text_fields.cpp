#include "pedalpower/core/text_fields.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace pedalpower {
namespace {

/// Length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629: no overlong forms, no
/// surrogates, nothing past U+10FFFF), or 0 if it is not one.
std::size_t utf8_sequence_length(std::string_view text)
{
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto continuation = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
  const auto lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead < 0xC2) return 0;
  if (lead < 0xE0) return continuation(1) ? 2 : 0;
  if (lead < 0xF0) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (lead == 0xED && byte(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (lead < 0xF5) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

bool is_control(std::string_view character)
{
  if (character.size() == 1) {
    const auto c = static_cast<unsigned char>(character[0]);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }
  // U+0080 to U+009F, the C1 controls.
  return character.size() == 2 && static_cast<unsigned char>(character[0]) == 0xC2 &&
         static_cast<unsigned char>(character[1]) < 0xA0;
}

// The explicit embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069): they make text
// show in another order than it is stored, so "evil" can read "live", and no field here needs them.
bool is_direction_control(std::string_view character)
{
  if (character.size() != 3 || static_cast<unsigned char>(character[0]) != 0xE2) return false;
  const auto second = static_cast<unsigned char>(character[1]);
  const auto third = static_cast<unsigned char>(character[2]);
  return (second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9);
}

// Characters that show nothing: Unicode's spaces (no-break, en, em, ideographic…) and the
// zero-width ones, in UTF-8. A note of nothing but these is as empty as one of plain spaces.
constexpr std::array<std::string_view, 22> blank_characters{
    "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008",
    "\u2009", "\u200A", "\u200B", "\u200C", "\u200D", "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\uFEFF"};

/// Byte length of the blank at the start (or, with `at_end`, the end) of `text`; 0 if none.
std::size_t blank_length(std::string_view text, bool at_end)
{
  if (text.empty()) return 0;
  if (std::isspace(static_cast<unsigned char>(at_end ? text.back() : text.front())) != 0) return 1;
  for (const auto blank : blank_characters) {
    if (at_end ? text.ends_with(blank) : text.starts_with(blank)) return blank.size();
  }
  return 0;
}

}  // namespace

std::string trimmed(std::string_view text)
{
  while (const auto length = blank_length(text, false)) text.remove_prefix(length);
  while (const auto length = blank_length(text, true)) text.remove_suffix(length);
  return std::string(text);
}

std::string upper_case(std::string_view text)
{
  std::string result(text);
  for (auto& c : result) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return result;
}

std::string lower_case(std::string_view text)
{
  std::string result(text);
  for (auto& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

bool is_visible_ascii(std::string_view text)
{
  return std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

bool is_email_shape(std::string_view text)
{
  const auto at = text.find('@');
  if (text.size() > 254 || at == std::string_view::npos || at == 0 || !is_visible_ascii(text)) return false;
  const auto domain_part = text.substr(at + 1);
  const auto dot = domain_part.rfind('.');
  return domain_part.find('@') == std::string_view::npos && dot != std::string_view::npos && dot > 0 &&
         dot + 1 < domain_part.size();
}

std::optional<std::string_view> text_fault(std::string_view text)
{
  while (!text.empty()) {
    const auto length = utf8_sequence_length(text);
    if (length == 0) return "is not valid UTF-8";
    if (is_control(text.substr(0, length))) return "holds a control character";
    if (is_direction_control(text.substr(0, length))) return "holds a text-direction control character";
    text.remove_prefix(length);
  }
  return std::nullopt;
}

}  // namespace pedalpower
