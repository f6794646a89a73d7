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
