#include <catch2/catch.hpp>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/form_urlencoded.hpp"

using namespace pedalpower::telematics;

TEST_CASE("percent escapes and plus signs decode")
{
  CHECK(url_decode("2025-03-03T07%3A41%3A05%2B01%3A00") == "2025-03-03T07:41:05+01:00");
  CHECK(url_decode("a+b%20c") == "a b c");
  CHECK(url_decode("%e2%82%ac") == "\xE2\x82\xAC");
  CHECK(url_decode("plain") == "plain");
  CHECK(url_decode("/a+b%20c", false) == "/a+b c");
}

TEST_CASE("a truncated or non-hex escape is refused")
{
  CHECK_THROWS_AS(url_decode("50%"), invalid_input);
  CHECK_THROWS_AS(url_decode("50%2"), invalid_input);
  CHECK_THROWS_AS(url_decode("%zz"), invalid_input);
}

TEST_CASE("a query string splits into decoded pairs in order")
{
  const auto pairs = parse_form_urlencoded("id=bike+7&lat=51.5&&flag&location=51.5%2C0.4&empty=");
  REQUIRE(pairs.size() == 5);
  CHECK(pairs[0] == std::pair<std::string, std::string>{"id", "bike 7"});
  CHECK(pairs[1] == std::pair<std::string, std::string>{"lat", "51.5"});
  CHECK(pairs[2] == std::pair<std::string, std::string>{"flag", ""});
  CHECK(pairs[3] == std::pair<std::string, std::string>{"location", "51.5,0.4"});
  CHECK(pairs[4] == std::pair<std::string, std::string>{"empty", ""});
  CHECK(parse_form_urlencoded("").empty());
}

TEST_CASE("an equals sign inside a value stays in the value")
{
  const auto pairs = parse_form_urlencoded("note=a=b");
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].second == "a=b");
}
