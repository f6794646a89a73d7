#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/domain/sign_in_throttle.hpp"
#include "pedalpower/domain/staff_pins.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds start = 1'700'000'000;
constexpr std::int64_t window = kiosk_identify_limits.window_seconds;

/// A person at a kiosk, as the identify route names them to the throttle.
std::string person(int kiosk, const std::string& staff_number) { return std::to_string(kiosk) + "/" + staff_number; }
std::string kiosk_key(int kiosk) { return "kiosk:" + std::to_string(kiosk); }

}  // namespace

TEST_CASE("a person may mistype at a kiosk without waiting until their limit, then waits out the window there only")
{
  sign_in_throttle throttle(kiosk_identify_limits);
  for (int i = 0; i < kiosk_identify_limits.pair_lock_after; ++i) {
    INFO("try " << i);
    CHECK(throttle.retry_after(person(1, "E1"), kiosk_key(1), start + i) == 0);
    throttle.record_failure(person(1, "E1"), kiosk_key(1), start + i);
  }
  CHECK(throttle.retry_after(person(1, "E1"), kiosk_key(1), start + 10) == window - 10);
  CHECK(throttle.retry_after(person(2, "E1"), kiosk_key(2), start + 10) == 0);  // the same person at another kiosk
  CHECK(throttle.retry_after(person(1, "E2"), kiosk_key(1), start + 10) == 0);  // someone else at this kiosk
  CHECK(throttle.retry_after(person(1, "E1"), kiosk_key(1), start + window) == 0);
}

TEST_CASE("guessing across many people at one kiosk stops the kiosk, not the others")
{
  sign_in_throttle throttle(kiosk_identify_limits);
  for (int i = 0; i < kiosk_identify_limits.address_lock_after; ++i) {
    throttle.record_failure(person(1, "S" + std::to_string(i)), kiosk_key(1), start);
  }
  CHECK(throttle.retry_after(person(1, "NEW"), kiosk_key(1), start + 1) == window - 1);
  CHECK(throttle.retry_after(person(2, "NEW"), kiosk_key(2), start + 1) == 0);
}

TEST_CASE("the right PIN clears the person's count at that kiosk but not the kiosk's")
{
  sign_in_throttle throttle(kiosk_identify_limits);
  for (int i = 0; i < kiosk_identify_limits.pair_lock_after - 1; ++i)
    throttle.record_failure(person(1, "E1"), kiosk_key(1), start);
  throttle.record_success(person(1, "E1"), kiosk_key(1));
  throttle.record_failure(person(1, "E1"), kiosk_key(1), start);
  CHECK(throttle.retry_after(person(1, "E1"), kiosk_key(1), start + 1) == 0);
  for (int i = 0; i < kiosk_identify_limits.address_lock_after - kiosk_identify_limits.pair_lock_after; ++i) {
    throttle.record_failure(person(1, "X" + std::to_string(i)), kiosk_key(1), start);
  }
  CHECK(throttle.retry_after(person(1, "E2"), kiosk_key(1), start + 1) > 0);
}

TEST_CASE("PIN tries sent together are let through one at a time, each failure counted before the next")
{
  sign_in_throttle throttle(kiosk_identify_limits);
  CHECK(throttle.start_try(person(1, "E1"), kiosk_key(1), start) == 0);
  CHECK(throttle.start_try(person(1, "E1"), kiosk_key(1), start) == 1);  // the first is still being compared
  CHECK(throttle.start_try(person(1, "E2"), kiosk_key(1), start) == 0);  // another person at the same kiosk
  int let_through = 1;
  for (int i = 0; i < 20; ++i) {
    throttle.record_failure(person(1, "E1"), kiosk_key(1), start);
    if (throttle.start_try(person(1, "E1"), kiosk_key(1), start) == 0) ++let_through;
  }
  CHECK(let_through == kiosk_identify_limits.pair_lock_after);
}
