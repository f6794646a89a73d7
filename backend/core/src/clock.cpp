#include "pedalpower/core/clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

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

std::tm local_time(unix_seconds at)
{
  const auto seconds = static_cast<std::time_t>(at);
  std::tm local{};
  localtime_r(&seconds, &local);
  return local;
}

namespace {

std::string date_words(const std::tm& local)
{
  static constexpr const char* month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return std::to_string(local.tm_mday) + " " + month_names[local.tm_mon] + " " + std::to_string(local.tm_year + 1900);
}

}  // namespace

std::string spoken_date(unix_seconds at) { return date_words(local_time(at)); }

std::string spoken_time(unix_seconds at)
{
  const auto local = local_time(at);
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", local.tm_hour, local.tm_min);
  return date_words(local) + " at " + clock + " " + (local.tm_zone ? local.tm_zone : "");
}

std::optional<unix_seconds> parse_iso8601(std::string_view text)
{
  constexpr std::string_view shape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != shape.size()) return std::nullopt;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool fits = shape[i] == 'd' ? text[i] >= '0' && text[i] <= '9' : text[i] == shape[i];
    if (!fits) return std::nullopt;
  }
  const auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const chrono::year_month_day date{chrono::year{number(0, 4)}, chrono::month{static_cast<unsigned>(number(5, 2))},
                                    chrono::day{static_cast<unsigned>(number(8, 2))}};
  const int hour = number(11, 2);
  const int minute = number(14, 2);
  const int second = number(17, 2);
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return chrono::sys_days{date}.time_since_epoch() / chrono::seconds{1} + hour * 3600 + minute * 60 + second;
}

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
