#include <catch2/catch.hpp>

#include "pedalpower/kiosk/pin_hash.hpp"

using namespace pedalpower::kiosk;

namespace {
constexpr pin_hash_cost quick{1024, 8, 1};
}

TEST_CASE("a PIN matches its own hash and no other PIN does")
{
  const auto stored = hash_pin("4821", quick);
  CHECK(pin_matches("4821", stored));
  CHECK_FALSE(pin_matches("4822", stored));
  CHECK_FALSE(pin_matches("", stored));
}

TEST_CASE("the same PIN hashed twice gives different salted hashes")
{
  CHECK(hash_pin("4821", quick) != hash_pin("4821", quick));
}

TEST_CASE("the stored hash names its algorithm and cost and never holds the PIN")
{
  const auto stored = hash_pin("482193", quick);
  CHECK(stored.rfind("scrypt$1024$8$1$", 0) == 0);
  CHECK(stored.find("482193") == std::string::npos);
}

TEST_CASE("a malformed stored hash matches nothing")
{
  CHECK_FALSE(pin_matches("4821", ""));
  CHECK_FALSE(pin_matches("4821", "scrypt$1024$8$1$zz$00"));
  CHECK_FALSE(pin_matches("4821", "bcrypt$1024$8$1$00$00"));
  CHECK_FALSE(pin_matches("4821", "scrypt$0$8$1$00$00"));
}
