#include "pedalpower/core/spreadsheet_text.hpp"

namespace pedalpower {

bool needs_neutralising(std::string_view text)
{
  if (text.empty()) return false;
  switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

std::string neutralised(std::string_view text)
{
  if (!needs_neutralising(text)) return std::string(text);
  std::string safe;
  safe.reserve(text.size() + 1);
  safe += '\'';
  safe += text;
  return safe;
}

std::string unneutralised(std::string_view text)
{
  if (text.size() > 1 && text.front() == '\'' && needs_neutralising(text.substr(1))) return std::string(text.substr(1));
  return std::string(text);
}

}  // namespace pedalpower
