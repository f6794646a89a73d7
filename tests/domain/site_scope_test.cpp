#include <catch2/catch.hpp>

#include "pedalpower/domain/site_scope.hpp"

using pedalpower::problem_kind;
using pedalpower::domain::acting_site;
using pedalpower::domain::other_site_refusal;
using pedalpower::domain::site_scope;

TEST_CASE("a kiosk acts at its own site, which a request may repeat but not contradict", "[site_scope]")
{
  const site_scope kiosk{4};
  CHECK(acting_site(kiosk, std::nullopt, "x").value() == 4);
  CHECK(acting_site(kiosk, 4, "x").value() == 4);
  const auto elsewhere = acting_site(kiosk, 5, "a kiosk joins people at its own site");
  REQUIRE_FALSE(elsewhere);
  CHECK(elsewhere.error().kind == problem_kind::forbidden);
  CHECK(elsewhere.error().code == "other_site");
  CHECK(elsewhere.error().message == "a kiosk joins people at its own site");
  CHECK(elsewhere.error().field == "site_id");
}

TEST_CASE("anyone but a kiosk names the site, at any site", "[site_scope]")
{
  const site_scope desk;
  CHECK(acting_site(desk, 5, "x").value() == 5);
  const auto unnamed = acting_site(desk, std::nullopt, "x");
  REQUIRE_FALSE(unnamed);
  CHECK(unnamed.error().kind == problem_kind::invalid);
  CHECK(unnamed.error().code == "required");
  CHECK(unnamed.error().field == "site_id");
  CHECK_FALSE(other_site_refusal(desk, 9, "x", "bike_id"));
}

TEST_CASE("a kiosk is refused what is kept at another site", "[site_scope]")
{
  const site_scope kiosk{4};
  CHECK_FALSE(other_site_refusal(kiosk, 4, "x", "bike_id"));
  const auto refusal = other_site_refusal(kiosk, 7, "take a bike from this store", "bike_id");
  REQUIRE(refusal);
  CHECK(refusal->kind == problem_kind::forbidden);
  CHECK(refusal->code == "other_site");
  CHECK(refusal->field == "bike_id");
}
