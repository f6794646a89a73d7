#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/telematics/csv_track.hpp"
#include "pedalpower/telematics/error.hpp"
#include "refusal.hpp"

using namespace pedalpower::telematics;
using std::chrono::seconds;

namespace {

std::string refusal(std::string_view csv)
{
  return refusal_of([&] { parse_csv_track(csv); });
}

}  // namespace

TEST_CASE("a CSV track reads the named columns in any order")
{
  const auto fixes = parse_csv_track(
      "lon,Time,ignored,LAT,odometer,accuracy,speed\r\n"
      "0.4,2025-03-03T07:41:05Z,x,51.5,1000,4.5,5.5\r\n"
      "\r\n"
      "0.5,1740987666,y,51.6,,,\r\n");
  REQUIRE(fixes.size() == 2);
  CHECK(fixes[0].lat == 51.5);
  CHECK(fixes[0].lon == 0.4);
  CHECK(fixes[0].odometer_m == 1000.0);
  CHECK(fixes[0].accuracy_m == 4.5);
  CHECK(fixes[0].speed_mps == 5.5);
  CHECK(fixes[1].time - fixes[0].time == seconds{1});
  CHECK_FALSE(fixes[1].odometer_m);
  CHECK_FALSE(fixes[1].accuracy_m);
}

TEST_CASE("quoted CSV cells may hold commas")
{
  const auto fixes = parse_csv_track("time,lat,lon,note\n\"2025-03-03 07:41:05\",\"51.5\",0.4,\"left, then \"\"right\"\"\"\n");
  REQUIRE(fixes.size() == 1);
  CHECK(fixes[0].lat == 51.5);
}

TEST_CASE("a malformed CSV track is refused naming the column and line")
{
  CHECK(refusal("time,lat\n2025-03-03T07:41:05Z,51.5\n") == "lon: the header row has no such column (line 1)");
  CHECK(refusal("time,lat,lon\n2025-03-03T07:41:05Z,51.5\n") == "lon: the row is too short (line 2)");
  CHECK(refusal("time,lat,lon\n2025-03-03T07:41:05Z,51.5,0.4\n2025-03-03T07:41:06Z,north,0.4\n") ==
        "lat: 'north' is not a number (line 3)");
  CHECK(refusal("time,lat,lon\nlater,51.5,0.4\n").starts_with("time: 'later' is not a timestamp"));
  CHECK(refusal("time,lat,lon\n2025-03-03T07:41:05Z,,0.4\n") == "lat: is empty (line 2)");
  CHECK(refusal("time,lat,lon,accuracy\n2025-03-03T07:41:05Z,51.5,0.4,good\n") ==
        "accuracy: 'good' is not a number (line 2)");
  CHECK(refusal("") == "header: the file is empty; expected a header row with time,lat,lon");
}
