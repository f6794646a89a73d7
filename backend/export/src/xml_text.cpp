#include "xml_text.hpp"

#include <cstdint>

namespace pedalpower::exports {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";

/// The byte length of the well-formed UTF-8 character XML may hold that starts `text`, or 0.
std::size_t xml_character_length(std::string_view text)
{
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07u;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i) & 0x3Fu);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  const bool not_xml = code == 0xFFFE || code == 0xFFFF || code > 0x10FFFF;
  return overlong || surrogate || not_xml ? 0 : length;
}

/// Calls `plain(part)` for each run of text that needs no special form and `special(c)` for each
/// single-byte character that does (markup, white space, control characters), replacing what XML
/// cannot hold.
template <typename Plain, typename Special>
void walk(std::string_view text, Plain plain, Special special)
{
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x21 || c == '&' || c == '<' || c == '>' || c == '"') {
        plain(text.substr(run, i - run));
        special(static_cast<char>(c), text.substr(i + 1));
        run = ++i;
      } else {
        ++i;
      }
      continue;
    }
    const auto length = xml_character_length(text.substr(i));
    if (length == 0) {
      plain(text.substr(run, i - run));
      plain(replacement);
      run = ++i;
    } else {
      i += length;
    }
  }
  plain(text.substr(run));
}

bool append_markup(std::string& out, char c)
{
  switch (c) {
    case '&': out += "&amp;"; return true;
    case '<': out += "&lt;"; return true;
    case '>': out += "&gt;"; return true;
    case '"': out += "&quot;"; return true;
    default: return false;
  }
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text)
{
  walk(text, [&out](std::string_view part) { out += part; }, [&out](char c, std::string_view) {
    if (append_markup(out, c)) return;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') out += c;
  });
}

void append_paragraph_text(std::string& out, std::string_view text)
{
  // A space is kept as it is only after a character of text; at the start, after a tab or a line
  // break, or after another space, a reader would drop it, so it goes in a text:s.
  bool after_text = false;
  std::size_t spaces = 0;
  const auto flush_spaces = [&] {
    if (spaces == 0) return;
    if (after_text) {
      out += ' ';
      --spaces;
    }
    if (spaces == 1) out += "<text:s/>";
    if (spaces > 1) out += "<text:s text:c=\"" + std::to_string(spaces) + "\"/>";
    spaces = 0;
  };
  walk(
      text,
      [&](std::string_view part) {
        if (part.empty()) return;
        flush_spaces();
        out += part;
        after_text = true;
      },
      [&](char c, std::string_view rest) {
        if (c == ' ') {
          ++spaces;
          return;
        }
        flush_spaces();
        if (append_markup(out, c)) {
          after_text = true;
          return;
        }
        after_text = false;
        if (c == '\t') out += "<text:tab/>";
        if (c == '\n' || (c == '\r' && !rest.starts_with('\n'))) out += "<text:line-break/>";
      });
  after_text = false;  // trailing spaces too would be dropped
  flush_spaces();
}

}  // namespace pedalpower::exports
