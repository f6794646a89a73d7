#include <catch2/catch.hpp>

#include "pedalpower/kiosk/backoff.hpp"

using namespace std::chrono_literals;
using pedalpower::kiosk::backoff_policy;

TEST_CASE("the wait doubles with each failure until it reaches the longest")
{
  const backoff_policy policy{1000ms, 8000ms};
  CHECK(policy.delay(1, 0.999999) >= 999ms);
  CHECK(policy.delay(2, 0.999999) >= 1999ms);
  CHECK(policy.delay(3, 0.999999) >= 3999ms);
  CHECK(policy.delay(4, 0.999999) >= 7999ms);
  CHECK(policy.delay(20, 0.999999) <= 8000ms);
}

TEST_CASE("jitter keeps the wait between half and all of the doubled delay")
{
  const backoff_policy policy{1000ms, 30000ms};
  CHECK(policy.delay(3, 0.0) == 2000ms);
  CHECK(policy.delay(3, 0.5) == 3000ms);
  CHECK(policy.delay(3, 0.999) <= 4000ms);
  CHECK(policy.delay(3, 0.25) != policy.delay(3, 0.75));
}

TEST_CASE("a huge failure count does not overflow the wait")
{
  const backoff_policy policy{500ms, 60000ms};
  CHECK(policy.delay(1000, 0.0) == 30000ms);
}
