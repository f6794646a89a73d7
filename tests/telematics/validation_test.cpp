#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/validation.hpp"
#include "refusal.hpp"

using namespace pedalpower::telematics;
using std::chrono::hours;
using std::chrono::March;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::year;

namespace {

const time_point now{sys_days{year{2025} / March / 3} + hours{8}};

position good_fix()
{
  position fix;
  fix.device_id = "bike-7";
  fix.time = now - minutes{1};
  fix.lat = 51.576;
  fix.lon = 0.488;
  fix.accuracy_m = 5.0;
  fix.battery = 0.8;
  return fix;
}

std::string refused_field(const position& fix)
{
  return refused_field_of([&] { validate_position(fix, now); });
}

}  // namespace

TEST_CASE("a plausible fix passes validation")
{
  CHECK_NOTHROW(validate_position(good_fix(), now));
}

TEST_CASE("coordinates out of range or at null island are refused")
{
  auto fix = good_fix();
  fix.lat = 90.5;
  CHECK(refused_field(fix) == "lat");
  fix = good_fix();
  fix.lon = -180.01;
  CHECK(refused_field(fix) == "lon");
  fix = good_fix();
  fix.lat = std::numeric_limits<double>::quiet_NaN();
  CHECK(refused_field(fix) == "lat");
  fix = good_fix();
  fix.lat = 0.0;
  fix.lon = 0.0;
  CHECK(refused_field(fix) == "lat");
}

TEST_CASE("a fix from more than the allowed minutes in the future is refused")
{
  auto fix = good_fix();
  fix.time = now + minutes{9};
  CHECK(refused_field(fix).empty());
  fix.time = now + minutes{60};
  CHECK(refused_field(fix) == "timestamp");
  CHECK_NOTHROW(validate_position(fix, now, validation_limits{minutes{90}}));
}

TEST_CASE("accuracy, speed, battery and odometer must be sane")
{
  auto fix = good_fix();
  fix.accuracy_m = -1.0;
  CHECK(refused_field(fix) == "accuracy");
  fix = good_fix();
  fix.accuracy_m = 50'000.0;
  CHECK(refused_field(fix) == "accuracy");
  fix = good_fix();
  fix.speed_mps = -3.0;
  CHECK(refused_field(fix) == "speed");
  fix = good_fix();
  fix.battery = 87.0;
  CHECK(refused_field(fix) == "battery");
  fix = good_fix();
  fix.odometer_m = -5.0;
  CHECK(refused_field(fix) == "odometer");
  fix = good_fix();
  fix.altitude_m = std::numeric_limits<double>::infinity();
  CHECK(refused_field(fix) == "altitude");
}

TEST_CASE("the validation message gives the value and the range")
{
  auto fix = good_fix();
  fix.battery = 87.0;
  try {
    validate_position(fix, now);
    FAIL("accepted");
  } catch (const invalid_input& error) {
    CHECK(std::string(error.what()) == "battery: 87 is not within 0 to 1");
  }
}
