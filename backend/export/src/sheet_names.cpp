#include "sheet_names.hpp"

namespace pedalpower::exports {
namespace {

constexpr std::size_t max_name_bytes = 31;

/// `text` cut to `limit` bytes on a whole UTF-8 character, without a trailing apostrophe.
std::string cut(std::string text, std::size_t limit)
{
  if (text.size() > limit) {
    auto end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text.resize(end);
  }
  while (!text.empty() && text.back() == '\'') text.pop_back();
  return text;
}

}  // namespace

sheet_names::sheet_names() { taken_.emplace(method); }

std::string sheet_names::unique(std::string_view title)
{
  std::string name;
  for (const char c : title) name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : ' ';
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  if (cut(name, max_name_bytes).empty()) name = "Sheet";
  auto candidate = cut(name, max_name_bytes);
  for (int copy = 2; taken_.contains(candidate); ++copy) {
    const auto suffix = " (" + std::to_string(copy) + ")";
    candidate = cut(name, max_name_bytes - suffix.size()) + suffix;
  }
  taken_.insert(candidate);
  return candidate;
}

std::string sheet_names::for_method()
{
  taken_.erase(std::string(method));
  return unique(method);
}

}  // namespace pedalpower::exports
