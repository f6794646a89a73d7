#include "calendar_text.hpp"

#include <charconv>

namespace pedalpower::exports {
namespace {

/// The `width` digits at `at`, or -1.
int digits(std::string_view text, std::size_t at, std::size_t width)
{
  if (at + width > text.size()) return -1;
  int value = 0;
  const auto* first = text.data() + at;
  const auto [end, ec] = std::from_chars(first, first + width, value);
  return ec == std::errc{} && end == first + width ? value : -1;
}

bool days_fit(const calendar_value& value)
{
  static constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (value.year % 4 == 0 && value.year % 100 != 0) || value.year % 400 == 0;
  if (value.year < 1900 || value.month < 1 || value.month > 12 || value.day < 1) return false;
  if (value.month == 2 && value.day == 29) return leap;
  return value.day <= month_days[value.month - 1];
}

std::optional<calendar_value> year_month(std::string_view text)
{
  if (text.size() < 7 || text[4] != '-') return std::nullopt;
  calendar_value value;
  value.year = digits(text, 0, 4);
  value.month = digits(text, 5, 2);
  if (value.year < 0 || value.month < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<calendar_value> read_date(std::string_view text)
{
  auto value = year_month(text);
  if (!value || text.size() < 10 || text[7] != '-') return std::nullopt;
  value->day = digits(text, 8, 2);
  if (!days_fit(*value)) return std::nullopt;
  if (text.size() == 10) return value;
  // A moment: "THH:MM:SS", optional fraction, then "Z".
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z') return std::nullopt;
  value->hour = digits(text, 11, 2);
  value->minute = digits(text, 14, 2);
  const auto seconds = text.substr(17, text.size() - 18);
  double second = 0.0;
  const auto [end, ec] = std::from_chars(seconds.data(), seconds.data() + seconds.size(), second);
  if (ec != std::errc{} || end != seconds.data() + seconds.size()) return std::nullopt;
  if (value->hour < 0 || value->hour > 23 || value->minute < 0 || value->minute > 59 || second < 0 || second >= 61) {
    return std::nullopt;
  }
  value->second = second;
  value->has_time = true;
  return value;
}

std::optional<calendar_value> read_month(std::string_view text)
{
  if (text.size() == 7) {
    auto value = year_month(text);
    if (!value || !days_fit(*value)) return std::nullopt;
    return value;
  }
  auto value = read_date(text);
  if (!value) return std::nullopt;
  return calendar_value{value->year, value->month};
}

}  // namespace pedalpower::exports
