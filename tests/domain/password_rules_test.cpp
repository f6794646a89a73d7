#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/domain/password_rules.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

namespace {

std::string refusal(std::string_view password, const password_context& context = {})
{
  const auto refused = check_new_password(password, context);
  return refused ? refused->code : "accepted";
}

}  // namespace

TEST_CASE("passwords of one character over and over, or one piece repeated, are refused")
{
  CHECK(refusal(std::string(12, ' ')) == "password_too_repetitive");
  CHECK(refusal(std::string(12, 'a')) == "password_too_repetitive");
  CHECK(refusal("abababababab") == "password_too_repetitive");
  CHECK(refusal("monkeymonkey") == "password_too_repetitive");
  CHECK(refusal("abc123abc123") == "password_too_repetitive");
}

TEST_CASE("common and breached passwords are refused, also with digits and symbols around them")
{
  CHECK(refusal("qwertyuiop123") == "password_too_common");
  CHECK(refusal("Password1234!") == "password_too_common");
  CHECK(refusal("123qweasdzxc") == "password_too_common");
  CHECK(refusal("!!Sunshine2024") == "password_too_common");
}

TEST_CASE("a password of digits alone is refused however long and varied")
{
  CHECK(refusal("123456789012") == "password_only_digits");
  CHECK(refusal("07700900461285") == "password_only_digits");
}

TEST_CASE("a password holding the username is refused, whatever the case")
{
  CHECK(refusal("Cora-Bike-Store-Key", {"cora", {}}) == "password_contains_username");
  CHECK(refusal("Cora-Bike-Store-Key", {"tess", {}}) == "accepted");
}

TEST_CASE("the current password may not be chosen again")
{
  CHECK(refusal("correct horse battery", {"cora", "correct horse battery"}) == "password_reused");
  CHECK(refusal("a brand new password", {"cora", "correct horse battery"}) == "accepted");
}

TEST_CASE("a long passphrase of ordinary words is accepted, and every refusal names the password field")
{
  CHECK(refusal("bicycle lantern kettle") == "accepted");
  CHECK(check_new_password("short")->field == "password");
  CHECK(check_new_password(std::string(12, 'a'))->field == "password");
}
