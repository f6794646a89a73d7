#include "pedalpower/domain/text_fields.hpp"

#include <algorithm>
#include <cctype>

namespace pedalpower::domain {

std::string trimmed(std::string_view text)
{
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
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

}  // namespace pedalpower::domain
