#include <catch2/catch.hpp>

#include "pedalpower/core/secrets.hpp"

using namespace pedalpower;

namespace {
constexpr scrypt_cost quick{1024, 8, 1};
}

TEST_CASE("a secret matches its own hash and no other secret does")
{
  const auto stored = hash_secret("4821", quick);
  CHECK(verify_secret("4821", stored));
  CHECK_FALSE(verify_secret("4822", stored));
  CHECK_FALSE(verify_secret("", stored));
}

TEST_CASE("the same secret hashed twice gives different salted hashes")
{
  CHECK(hash_secret("4821", quick) != hash_secret("4821", quick));
}

TEST_CASE("the stored hash names its algorithm and cost and never holds the secret")
{
  const auto stored = hash_secret("482193", quick);
  CHECK(stored.rfind("scrypt$1024$8$1$", 0) == 0);
  CHECK(stored.find("482193") == std::string::npos);
}

TEST_CASE("a malformed or greedy stored hash matches nothing")
{
  CHECK_FALSE(verify_secret("4821", ""));
  CHECK_FALSE(verify_secret("4821", "scrypt$1024$8$1$zz$00"));
  CHECK_FALSE(verify_secret("4821", "bcrypt$1024$8$1$AAAA$AAAA"));
  CHECK_FALSE(verify_secret("4821", "scrypt$0$8$1$AAAA$AAAA"));
  CHECK_FALSE(verify_secret("4821", "scrypt$1000$8$1$AAAA$AAAA"));
  CHECK_FALSE(verify_secret("4821", "scrypt$8388608$8$1$AAAA$AAAA"));
}

TEST_CASE("a random token is unpadded base64url of the bytes asked for")
{
  const auto token = random_token(32);
  CHECK(token.size() == 43);
  CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
  CHECK(random_token(32) != token);
}

TEST_CASE("a token's digest is its SHA-256 in lower-case hex")
{
  CHECK(token_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
