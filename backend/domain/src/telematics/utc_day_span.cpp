#include "utc_day_span.hpp"

#include <chrono>

#include "pedalpower/core/clock.hpp"

namespace pedalpower::domain {
namespace {

constexpr std::int64_t ms_per_day = seconds_per_day * 1000;

/// Unix milliseconds at the start of a valid 'YYYY-MM-DD' day.
std::int64_t start_of_day_ms(const std::string& date)
{
  const auto number = [&](std::size_t at, std::size_t length) { return std::stoi(date.substr(at, length)); };
  const std::chrono::year_month_day day{std::chrono::year{number(0, 4)},
                                        std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                        std::chrono::day{static_cast<unsigned>(number(8, 2))}};
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::sys_days{day}.time_since_epoch()).count();
}

}  // namespace

outcome<day_span> utc_day_span(const std::string& from, const std::string& to)
{
  if (!is_valid_date(from)) return invalid("from", "from is a date, YYYY-MM-DD");
  if (!is_valid_date(to)) return invalid("to", "to is a date, YYYY-MM-DD");
  if (to < from) return invalid("to", "to must not be before from");
  return day_span{start_of_day_ms(from), start_of_day_ms(to) + ms_per_day};
}

}  // namespace pedalpower::domain
