#include <catch2/catch.hpp>

#include <string>

#include "commute_start.hpp"
#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/timestamp.hpp"

using namespace pedalpower::telematics;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("every timestamp form names the same instant")
{
  CHECK(parse_timestamp("1740987665") == commute_start);
  CHECK(parse_timestamp("1740987665000") == commute_start);
  CHECK(parse_timestamp("2025-03-03T07:41:05Z") == commute_start);
  CHECK(parse_timestamp("2025-03-03T07:41:05.000Z") == commute_start);
  CHECK(parse_timestamp("2025-03-03T08:41:05+01:00") == commute_start);
  CHECK(parse_timestamp("2025-03-03T02:41:05-0500") == commute_start);
  CHECK(parse_timestamp("2025-03-03T09:41:05+02") == commute_start);
  CHECK(parse_timestamp("2025-03-03 07:41:05") == commute_start);
  CHECK(parse_timestamp("2025-03-03t07:41:05z") == commute_start);
  CHECK(parse_timestamp("  1740987665 ") == commute_start);
}

TEST_CASE("a plus sign lost to URL decoding still reads as a positive offset")
{
  CHECK(parse_timestamp("2025-03-03T08:41:05 01:00") == commute_start);
}

TEST_CASE("fractions of a second keep millisecond resolution")
{
  CHECK(parse_timestamp("2025-03-03T07:41:05.25Z") == commute_start + milliseconds{250});
  CHECK(parse_timestamp("2025-03-03T07:41:05.123456Z") == commute_start + milliseconds{123});
  CHECK(parse_timestamp("2025-03-03T07:41:05,5Z") == commute_start + milliseconds{500});
  CHECK(parse_timestamp("1740987665.75") == commute_start + milliseconds{750});
  CHECK(parse_timestamp("1740987665123") == commute_start + milliseconds{123});
}

TEST_CASE("seconds and milliseconds are told apart by magnitude")
{
  CHECK(parse_timestamp("99999999999") == time_point{seconds{99'999'999'999}});
  CHECK(parse_timestamp("100000000000") == time_point{milliseconds{100'000'000'000}});
}

TEST_CASE("malformed or impossible timestamps are refused naming the field")
{
  for (const char* bad : {"", "yesterday", "2025-02-30T07:00:00Z", "2025-13-01T00:00:00Z", "2025-03-03T24:00:00Z",
                          "2025-03-03T07:41:05+25:00", "2025-03-03", "2025-03-03T07:41:05Zjunk", "-1740987665",
                          "1740987665000.5", "12345678901234567", "2025-03-03T07:41:05."}) {
    INFO(bad);
    try {
      parse_timestamp(bad, "location.timestamp");
      FAIL("accepted");
    } catch (const invalid_input& error) {
      CHECK(error.field() == "location.timestamp");
    }
  }
}

TEST_CASE("a time outside the years 0000 to 9999 is refused, as it could not be written back")
{
  // Epoch milliseconds up to 15 digits reach the year 33658, where std::chrono::year wraps.
  for (const char* bad : {"999999999999999.", "999999999999999", "253402300800000", "0000-01-01T00:30:00+01:00"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_timestamp(bad), invalid_input);
  }
  CHECK(format_timestamp(parse_timestamp("253402300799999")) == "9999-12-31T23:59:59Z");
  CHECK(format_timestamp(parse_timestamp("0000-01-01T00:30:00-01:00")) == "0000-01-01T01:30:00Z");
}

TEST_CASE("a formatted timestamp reads back to the same second")
{
  CHECK(format_timestamp(commute_start + milliseconds{999}) == "2025-03-03T07:41:05Z");
  CHECK(parse_timestamp(format_timestamp(commute_start)) == commute_start);
  CHECK(format_timestamp(time_point{}) == "1970-01-01T00:00:00Z");
}
