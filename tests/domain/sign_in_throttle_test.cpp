#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "pedalpower/domain/sign_in_throttle.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

constexpr unix_seconds start = 1'700'000'000;

}  // namespace

TEST_CASE("a pair's first failures are free, later ones wait longer each time, and then the pair locks")
{
  sign_in_throttle throttle;
  throttle.record_failure("cora", "10.0.0.1", start);
  throttle.record_failure("cora", "10.0.0.1", start);
  CHECK(throttle.retry_after("cora", "10.0.0.1", start) == 0);
  throttle.record_failure("cora", "10.0.0.1", start);
  CHECK(throttle.retry_after("cora", "10.0.0.1", start) == 5);
  throttle.record_failure("cora", "10.0.0.1", start + 5);
  CHECK(throttle.retry_after("cora", "10.0.0.1", start + 5) == 10);
  CHECK(throttle.record_failure("cora", "10.0.0.1", start + 15) == throttle_news::pair_locked);
  CHECK(throttle.retry_after("cora", "10.0.0.1", start + 15) == 15 * 60 - 15);
  CHECK(throttle.retry_after("cora", "10.0.0.2", start + 15) == 0);
}

TEST_CASE("failures spread over many addresses never lock the account for an address that has not failed")
{
  sign_in_throttle throttle;
  std::vector<throttle_news> news;
  for (int i = 0; i < 200; ++i) {
    const auto address = "198.51.100." + std::to_string(i % 50);
    if (throttle.retry_after("cora", address, start + i) == 0) news.push_back(throttle.record_failure("cora", address, start + i));
  }
  CHECK(throttle.retry_after("cora", "203.0.113.9", start + 200) == 0);
  CHECK(std::count(news.begin(), news.end(), throttle_news::account_under_attack) == 1);
  CHECK(throttle.account_failures("cora", start + 200) > 10);
}

TEST_CASE("once an account is under attack an address that failed on it waits from its first failure")
{
  sign_in_throttle throttle;
  for (int i = 0; i < 10; ++i) throttle.record_failure("cora", "198.51.100." + std::to_string(i), start);
  throttle.record_failure("cora", "203.0.113.9", start + 1);
  CHECK(throttle.retry_after("cora", "203.0.113.9", start + 1) == 5);
  CHECK(throttle.retry_after("dan", "203.0.113.9", start + 1) == 0);
}

TEST_CASE("an address guessing across many accounts locks")
{
  sign_in_throttle throttle;
  for (int i = 0; i < 30; ++i) throttle.record_failure("user" + std::to_string(i), "10.0.0.1", start);
  CHECK(throttle.retry_after("someone-new", "10.0.0.1", start + 1) == 15 * 60 - 1);
  CHECK(throttle.retry_after("someone-new", "10.0.0.2", start + 1) == 0);
}

TEST_CASE("a success clears its own pair only, and failures leave the window in time")
{
  sign_in_throttle throttle;
  for (int i = 0; i < 4; ++i) throttle.record_failure("cora", "10.0.0.1", start);
  throttle.record_success("cora", "10.0.0.1");
  CHECK(throttle.retry_after("cora", "10.0.0.1", start + 1) == 0);
  CHECK(throttle.account_failures("cora", start + 1) == 4);
  CHECK(throttle.account_failures("cora", start + 15 * 60) == 0);
}

TEST_CASE("memory stays bounded while guesses are sprayed across names")
{
  sign_in_throttle throttle({}, 50);
  for (int i = 0; i < 500; ++i) throttle.record_failure("spray" + std::to_string(i), "10.0.0." + std::to_string(i % 7), start + i);
  CHECK(throttle.account_failures("spray499", start + 500) == 1);
  CHECK(throttle.account_failures("spray0", start + 500) == 0);
}

TEST_CASE("tries sent together are let through one at a time, so every failure counts before the next try")
{
  sign_in_throttle throttle;
  CHECK(throttle.start_try("cora", "10.0.0.1", start) == 0);
  CHECK(throttle.start_try("cora", "10.0.0.1", start) == 1);  // the first is still being checked
  CHECK(throttle.start_try("cora", "10.0.0.2", start) == 0);  // another address is another pair
  int let_through = 1;
  for (int i = 0; i < 20; ++i) {
    throttle.record_failure("cora", "10.0.0.1", start);
    if (throttle.start_try("cora", "10.0.0.1", start) == 0) ++let_through;
  }
  CHECK(let_through == 3);  // the free tries, then the pair waits

  CHECK(throttle.start_try("dev", "10.0.0.1", start) == 0);
  throttle.record_success("dev", "10.0.0.1");
  CHECK(throttle.start_try("dev", "10.0.0.1", start) == 0);
  // A try whose request never came back stops holding its pair up.
  CHECK(throttle.start_try("dev", "10.0.0.1", start + 1) == 1);
  CHECK(throttle.start_try("dev", "10.0.0.1", start + pending_tries::hold_seconds) == 0);
}
