#include "pedalpower/core/clock.hpp"

#include <chrono>
#include <cstdio>

namespace pedalpower {

namespace chrono = std::chrono;

unix_seconds current_time()
{
  return chrono::duration_cast<chrono::seconds>(chrono::system_clock::now().time_since_epoch()).count();
}

std::string utc_date(unix_seconds at)
{
  const chrono::sys_days day = chrono::floor<chrono::days>(chrono::sys_seconds{chrono::seconds{at}});
  const chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

std::string spoken_date(unix_seconds at)
{
  static constexpr const char* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const chrono::year_month_day ymd{chrono::floor<chrono::days>(chrono::sys_seconds{chrono::seconds{at}})};
  return std::to_string(static_cast<unsigned>(ymd.day())) + " " + month_names[static_cast<unsigned>(ymd.month()) - 1] +
         " " + std::to_string(static_cast<int>(ymd.year()));
}

std::string spoken_time(unix_seconds at) { return spoken_date(at) + " at " + iso8601(at).substr(11, 5) + " UTC"; }

std::string iso8601(unix_seconds at)
{
  const chrono::sys_seconds point{chrono::seconds{at}};
  const auto day = chrono::floor<chrono::days>(point);
  const chrono::hh_mm_ss time{point - day};
  char text[24];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", utc_date(at).c_str(), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return text;
}

bool is_valid_date(const std::string& text)
{
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3) return false;
  return chrono::year_month_day{chrono::year{y}, chrono::month{m}, chrono::day{d}}.ok();
}

}  // namespace pedalpower
