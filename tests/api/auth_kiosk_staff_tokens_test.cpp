#include <catch2/catch.hpp>

#include "pedalpower/api/auth/kiosk_staff_tokens.hpp"

using pedalpower::api::auth::kiosk_staff_tokens;

namespace {

constexpr std::int64_t start = 1'700'000'000;
constexpr std::int64_t kiosk = 2;

}  // namespace

TEST_CASE("a kiosk staff token names its staff member until it sits unused for five minutes")
{
  kiosk_staff_tokens tokens(300, 2);
  const auto issued = tokens.issue(kiosk, {41, "pin"}, start);
  CHECK(issued.expires_at == start + 300);
  CHECK(tokens.use(issued.token, kiosk, start + 299)->staff_id == 41);
  CHECK(tokens.use(issued.token, kiosk, start + 299 + 299)->staff_id == 41);
  CHECK_FALSE(tokens.use(issued.token, kiosk, start + 299 + 299 + 300));
}

TEST_CASE("a kiosk holds a few identifications at once and drops the one closest to expiry beyond that")
{
  kiosk_staff_tokens tokens(300, 2);
  const auto first = tokens.issue(kiosk, {41, "pin"}, start);
  const auto second = tokens.issue(kiosk, {42, "pin"}, start + 1);
  CHECK(tokens.use(first.token, kiosk, start + 2)->staff_id == 41);
  const auto third = tokens.issue(kiosk, {43, "pin"}, start + 3);
  CHECK_FALSE(tokens.use(second.token, kiosk, start + 4));
  CHECK(tokens.use(first.token, kiosk, start + 4)->staff_id == 41);
  CHECK(tokens.use(third.token, kiosk, start + 4)->staff_id == 43);
}

TEST_CASE("a kiosk staff token is refused at another kiosk")
{
  kiosk_staff_tokens tokens(300, 2);
  const auto issued = tokens.issue(kiosk, {41, "pin"}, start);
  CHECK_FALSE(tokens.use(issued.token, kiosk + 1, start));
  CHECK(tokens.use(issued.token, kiosk, start)->staff_id == 41);
}

TEST_CASE("ending one identification leaves the kiosk's others, forgetting the kiosk ends them all")
{
  kiosk_staff_tokens tokens(300, 2);
  const auto first = tokens.issue(kiosk, {41, "pin"}, start);
  const auto second = tokens.issue(kiosk, {42, "pin"}, start);
  tokens.end(first.token, kiosk);
  CHECK_FALSE(tokens.use(first.token, kiosk, start));
  CHECK(tokens.use(second.token, kiosk, start)->staff_id == 42);
  tokens.forget_kiosk(kiosk);
  CHECK_FALSE(tokens.use(second.token, kiosk, start));
}
