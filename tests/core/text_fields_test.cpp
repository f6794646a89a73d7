#include <catch2/catch.hpp>

#include "pedalpower/core/text_fields.hpp"

using pedalpower::trimmed;

TEST_CASE("trimming takes off Unicode's spaces and zero-width characters as well as ASCII's")
{
  CHECK(trimmed("  brakes bled \t\n") == "brakes bled");
  CHECK(trimmed("\u00A0\u2003brakes\u3000\u200B") == "brakes");
  CHECK(trimmed("\uFEFF\u00A0 \u2028").empty());
  CHECK(trimmed("caf\u00E9") == "caf\u00E9");
  CHECK(trimmed("pads\u00A0worn") == "pads\u00A0worn");
  CHECK(trimmed("\u00E0") == "\u00E0");
}

TEST_CASE("text that shows in another order than it is stored is refused, right-to-left letters are not")
{
  CHECK(pedalpower::text_fault("Medical Records") == std::nullopt);
  CHECK(pedalpower::text_fault("\u0633\u0644\u0627\u0645 Records") == std::nullopt);
  CHECK(pedalpower::text_fault("\u200Fmarked right-to-left") == std::nullopt);
  for (const auto* direction :
       {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    CHECK(pedalpower::text_fault(std::string("Ward ") + direction + "live") ==
          "holds a text-direction control character");
  }
  CHECK(pedalpower::text_fault("\u2029") == std::nullopt);
  CHECK(pedalpower::text_fault("\u206A") == std::nullopt);
}
