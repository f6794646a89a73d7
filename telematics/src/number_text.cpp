#include "number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "pedalpower/telematics/error.hpp"

namespace pedalpower::telematics::detail {

namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view trim(std::string_view text) noexcept
{
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

double parse_number(std::string_view text, std::string_view field)
{
  const auto number = trim(text);
  // from_chars rejects a leading '+', which some trackers send.
  const auto digits = number.starts_with('+') ? number.substr(1) : number;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || (digits.size() < number.size() && digits.front() == '-') || ec != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value)) {
    throw invalid_input(std::string(field), "'" + std::string(text) + "' is not a number");
  }
  return value;
}

std::string format_number(double value)
{
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept
{
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace pedalpower::telematics::detail
