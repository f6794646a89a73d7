#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "pedalpower/core/secrets.hpp"
#include "cheap_scrypt.hpp"

using namespace pedalpower;

namespace {

std::vector<std::string> fields_of(const std::string& stored)
{
  std::vector<std::string> fields;
  std::string::size_type start = 0;
  while (true) {
    const auto end = stored.find('$', start);
    fields.push_back(stored.substr(start, end - start));
    if (end == std::string::npos) return fields;
    start = end + 1;
  }
}

}  // namespace

TEST_CASE("a hashed password verifies and a different password does not")
{
  const auto stored = hash_secret("correct horse battery staple", cheap_scrypt_cost);
  CHECK(verify_secret("correct horse battery staple", stored));
  CHECK_FALSE(verify_secret("correct horse battery stapl", stored));
  CHECK_FALSE(verify_secret("", stored));
}

TEST_CASE("the stored string names scrypt, its cost, a 32-byte salt and a 32-byte hash")
{
  const auto stored = hash_secret("1234", cheap_scrypt_cost);
  const auto fields = fields_of(stored);
  REQUIRE(fields.size() == 6);
  CHECK(fields[0] == "scrypt");
  CHECK(fields[1] == "1024");
  CHECK(fields[2] == "8");
  CHECK(fields[3] == "1");
  CHECK(fields[4].size() == 44);  // base64 of 32 bytes
  CHECK(fields[5].size() == 44);
  CHECK(stored.find("1234") == std::string::npos);
}

TEST_CASE("the recommended cost is OWASP's for scrypt")
{
  CHECK(recommended_scrypt_cost.n == 131072);
  CHECK(recommended_scrypt_cost.r == 8);
  CHECK(recommended_scrypt_cost.p == 1);
}

TEST_CASE("each hash of the same password has its own salt")
{
  const auto first = hash_secret("same password here", cheap_scrypt_cost);
  const auto second = hash_secret("same password here", cheap_scrypt_cost);
  CHECK(first != second);
  CHECK(verify_secret("same password here", first));
  CHECK(verify_secret("same password here", second));
}

TEST_CASE("a hash stored under one cost still verifies after the default cost changes")
{
  const auto older = hash_secret("kept across upgrades", {512, 4, 1});
  CHECK(verify_secret("kept across upgrades", older));
}

TEST_CASE("malformed or memory-hungry stored strings verify nothing")
{
  const auto good = hash_secret("pw", cheap_scrypt_cost);
  const auto fields = fields_of(good);
  const auto with_cost = [&](const std::string& n, const std::string& r, const std::string& p) {
    return "scrypt$" + n + "$" + r + "$" + p + "$" + fields[4] + "$" + fields[5];
  };
  CHECK(verify_secret("pw", with_cost("1024", "8", "1")));
  CHECK_FALSE(verify_secret("pw", with_cost("1000", "8", "1")));        // not a power of two
  CHECK_FALSE(verify_secret("pw", with_cost("1073741824", "8", "1")));  // 1 TiB of memory
  CHECK_FALSE(verify_secret("pw", with_cost("1024", "0", "1")));
  CHECK_FALSE(verify_secret("pw", with_cost("1024", "8", "x")));
  CHECK_FALSE(verify_secret("pw", "bcrypt$1024$8$1$" + fields[4] + "$" + fields[5]));
  CHECK_FALSE(verify_secret("pw", "scrypt$1024$8$1$" + fields[4]));
  CHECK_FALSE(verify_secret("pw", "scrypt$1024$8$1$" + fields[4] + "$!!notbase64"));
  CHECK_FALSE(verify_secret("pw", ""));
}

TEST_CASE("random tokens carry 256 bits as url-safe text and do not repeat")
{
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto token = random_token();
    CHECK(token.size() == 43);
    CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    seen.insert(token);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("a token digest is the SHA-256 of the token in lower-case hex")
{
  CHECK(token_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
