#include "spreadsheet_limits.hpp"

#include <algorithm>

namespace pedalpower::exports {
namespace {

bool continues_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string_view fitted(std::string_view text)
{
  if (text.size() <= max_cell_text_bytes) return text;
  auto end = max_cell_text_bytes;
  while (end > 0 && continues_character(text[end])) --end;
  return text.substr(0, end);
}

double shown_length(std::string_view text)
{
  return static_cast<double>(std::count_if(text.begin(), text.end(), [](char c) { return !continues_character(c); }));
}

}  // namespace pedalpower::exports
