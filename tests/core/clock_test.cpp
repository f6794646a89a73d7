#include <catch2/catch.hpp>

#include "pedalpower/core/clock.hpp"
#include "time_zone.hpp"

using pedalpower::unix_seconds;

TEST_CASE("a moment is written as people write dates, day first with the month's short name")
{
  const time_zone utc("UTC");
  constexpr unix_seconds leap_day_late = 1709251199;  // 2024-02-29T23:59:59Z
  CHECK(pedalpower::spoken_date(leap_day_late) == "29 Feb 2024");
  CHECK(pedalpower::spoken_date(leap_day_late + 1) == "1 Mar 2024");
  CHECK(pedalpower::spoken_time(leap_day_late) == "29 Feb 2024 at 23:59 UTC");
  CHECK(pedalpower::spoken_time(1735689600 + 9 * 3600 + 5 * 60) == "1 Jan 2025 at 09:05 UTC");
}

TEST_CASE("a moment is written in the server's time zone, summer time included, and named")
{
  const time_zone london(uk_time);
  const auto noon = [](const char* text) { return pedalpower::parse_iso8601(text).value(); };
  CHECK(pedalpower::spoken_time(noon("2025-07-01T12:00:00Z")) == "1 Jul 2025 at 13:00 BST");
  CHECK(pedalpower::spoken_time(noon("2025-12-01T12:00:00Z")) == "1 Dec 2025 at 12:00 GMT");
  // Half past eleven at night, UTC, on 30 June is already the next day in London.
  CHECK(pedalpower::spoken_date(noon("2025-06-30T23:30:00Z")) == "1 Jul 2025");
}

TEST_CASE("a moment is read back from the ISO 8601 text the API writes, and nothing else is")
{
  for (const unix_seconds at : {unix_seconds{0}, unix_seconds{1709251199}, unix_seconds{1735689600 + 86399}}) {
    CHECK(pedalpower::parse_iso8601(pedalpower::iso8601(at)) == at);
  }
  for (const char* text :
       {"", "2025-02-29T00:00:00Z", "2025-01-01T24:00:00Z", "2025-01-01 12:00:00Z", "2025-01-01T12:00:00",
        "2025-1-01T12:00:00Z", "+025-01-01T12:00:00Z", "2025-01-01T12:00:60Z"}) {
    INFO(text);
    CHECK_FALSE(pedalpower::parse_iso8601(text).has_value());
  }
}
