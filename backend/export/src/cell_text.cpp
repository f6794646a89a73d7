#include "pedalpower/export/cell_text.hpp"

namespace pedalpower::exports {

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

}  // namespace pedalpower::exports
