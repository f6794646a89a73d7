#include <catch2/catch.hpp>

#include "pedalpower/core/clock.hpp"

using pedalpower::unix_seconds;

TEST_CASE("a moment is written as people write dates, day first with the month's short name, in UTC")
{
  constexpr unix_seconds leap_day_late = 1709251199;  // 2024-02-29T23:59:59Z
  CHECK(pedalpower::spoken_date(leap_day_late) == "29 Feb 2024");
  CHECK(pedalpower::spoken_date(leap_day_late + 1) == "1 Mar 2024");
  CHECK(pedalpower::spoken_time(leap_day_late) == "29 Feb 2024 at 23:59 UTC");
  CHECK(pedalpower::spoken_date(1735689600 - 1) == "31 Dec 2024");
  CHECK(pedalpower::spoken_time(1735689600 + 9 * 3600 + 5 * 60) == "1 Jan 2025 at 09:05 UTC");
}
