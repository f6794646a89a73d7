#include "utc_timestamp.hpp"

#include <cstdio>
#include <ctime>

namespace pedalpower::http {

std::string utc_timestamp(std::chrono::system_clock::time_point when)
{
  using namespace std::chrono;
  const auto millis = floor<milliseconds>(when);
  const auto seconds_part = floor<seconds>(millis);
  const std::time_t whole = system_clock::to_time_t(seconds_part);
  std::tm parts{};
  gmtime_r(&whole, &parts);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1,
                parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec,
                static_cast<int>((millis - seconds_part).count()));
  return text;
}

}  // namespace pedalpower::http
