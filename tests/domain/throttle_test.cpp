#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/domain/login_throttle.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds start = 1'700'000'000;

login_throttle three_per_minute() { return login_throttle({3, 60}, {5, 60}); }

}  // namespace

TEST_CASE("an account may fail up to its limit and must then wait")
{
  auto throttle = three_per_minute();
  for (int i = 0; i < 3; ++i) {
    CHECK(throttle.retry_after("alice", "10.0.0.1", start + i) == 0);
    throttle.record_failure("alice", "10.0.0.1", start + i);
  }
  CHECK(throttle.retry_after("alice", "10.0.0.1", start + 3) == 57);
  CHECK(throttle.retry_after("alice", "10.0.0.9", start + 3) == 57);
  CHECK(throttle.retry_after("bob", "10.0.0.9", start + 3) == 0);
}

TEST_CASE("failures slide out of the window one by one")
{
  auto throttle = three_per_minute();
  throttle.record_failure("alice", "a", start);
  throttle.record_failure("alice", "a", start + 10);
  throttle.record_failure("alice", "a", start + 20);
  CHECK(throttle.retry_after("alice", "b", start + 59) == 1);
  CHECK(throttle.retry_after("alice", "b", start + 60) == 0);
  throttle.record_failure("alice", "b", start + 60);
  CHECK(throttle.retry_after("alice", "c", start + 61) == 9);
}

TEST_CASE("guessing across many accounts from one address is limited per address")
{
  auto throttle = three_per_minute();
  for (int i = 0; i < 5; ++i) throttle.record_failure("user" + std::to_string(i), "10.0.0.1", start);
  CHECK(throttle.retry_after("someone-new", "10.0.0.1", start + 1) == 59);
  CHECK(throttle.retry_after("someone-new", "10.0.0.2", start + 1) == 0);
}

TEST_CASE("a success clears the account's failures but not the address's")
{
  auto throttle = three_per_minute();
  for (int i = 0; i < 3; ++i) throttle.record_failure("alice", "10.0.0.1", start);
  throttle.record_success("alice");
  CHECK(throttle.retry_after("alice", "10.0.0.2", start + 1) == 0);
  throttle.record_failure("bob", "10.0.0.1", start + 1);
  throttle.record_failure("bob", "10.0.0.1", start + 1);
  CHECK(throttle.retry_after("carol", "10.0.0.1", start + 2) == 58);
}

TEST_CASE("memory stays bounded while guesses are sprayed, and the account under attack stays counted")
{
  // One failure blocks an account, so "blocked" shows whether a name is still tracked.
  login_throttle throttle({1, 600}, {1'000'000, 600}, 50);
  for (int i = 0; i < 500; ++i) {
    if (i % 40 == 0) throttle.record_failure("target", "attacker", start + i);
    throttle.record_failure("spray" + std::to_string(i), "attacker", start + i);
  }
  CHECK(throttle.retry_after("target", "elsewhere", start + 500) > 0);
  CHECK(throttle.retry_after("spray499", "elsewhere", start + 500) > 0);
  CHECK(throttle.retry_after("spray0", "elsewhere", start + 500) == 0);
}

TEST_CASE("PIN tries sent together are let through one at a time, each failure counted before the next")
{
  auto throttle = three_per_minute();
  CHECK(throttle.start_try("kiosk-1/E1", "kiosk:1", start) == 0);
  CHECK(throttle.start_try("kiosk-1/E1", "kiosk:1", start) == 1);  // the first is still being compared
  CHECK(throttle.start_try("kiosk-1/E2", "kiosk:1", start) == 0);  // another person at the same kiosk
  int let_through = 1;
  for (int i = 0; i < 20; ++i) {
    throttle.record_failure("kiosk-1/E1", "kiosk:1", start);
    if (throttle.start_try("kiosk-1/E1", "kiosk:1", start) == 0) ++let_through;
  }
  CHECK(let_through == 3);  // the account's limit, then it waits out the window
  throttle.record_success("kiosk-1/E2");
  CHECK(throttle.start_try("kiosk-1/E2", "kiosk:2", start) == 0);
  // A try whose request never came back stops holding its account up.
  CHECK(throttle.start_try("kiosk-1/E2", "kiosk:2", start + 1) == 1);
  CHECK(throttle.start_try("kiosk-1/E2", "kiosk:2", start + pending_tries::hold_seconds) == 0);
}
