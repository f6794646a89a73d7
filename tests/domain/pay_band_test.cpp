#include <catch2/catch.hpp>

#include <string>

#include "pedalpower/domain/pay_band.hpp"

using namespace pedalpower;
using namespace pedalpower::domain;

TEST_CASE("pay bands written the ways HR systems and people write them are understood")
{
  const auto canonical = [](std::string_view text) { return std::string(normalise_pay_band(text).value()); };
  CHECK(canonical("Band 5") == "5");
  CHECK(canonical("band 2") == "2");
  CHECK(canonical("5") == "5");
  CHECK(canonical(" 7 ") == "7");
  CHECK(canonical("8A") == "8a");
  CHECK(canonical("Band 8c") == "8c");
  CHECK(canonical("Band 8 D") == "8d");
  CHECK(canonical("AfC Band 6") == "6");
  CHECK(canonical("9") == "9");
  CHECK(canonical("other") == "other");
  CHECK(canonical("Not on AfC") == "other");
  CHECK(canonical("non-AfC") == "other");
}

TEST_CASE("every canonical pay band is its own canonical spelling")
{
  for (const auto band : pay_bands) CHECK(normalise_pay_band(band) == band);
}

TEST_CASE("text that names no pay band is refused")
{
  for (const std::string_view text : {"", "band", "10", "0", "8e", "8", "Band 5x", "five", "consultant"}) {
    INFO(text);
    CHECK_FALSE(normalise_pay_band(text));
  }
}
