#include <catch2/catch.hpp>

#include <string>

#include "sheet_names.hpp"

using pedalpower::exports::sheet_names;

TEST_CASE("a sheet's name is its title without the characters spreadsheets refuse, cut to 31 bytes", "[export][sheets]")
{
  sheet_names names;
  CHECK(names.unique("Loans by site/band: [all]?") == "Loans by site band   all  ");
  CHECK(names.unique("'quoted'") == "quoted");
  CHECK(names.unique("A title far longer than thirty-one bytes") == "A title far longer than thirty-");
  CHECK(names.unique("Zoë's bikes and their riders éx") == "Zoë's bikes and their riders ");
  CHECK(names.unique("") == "Sheet");
  CHECK(names.unique("'''") == "Sheet (2)");
}

TEST_CASE("a title given twice gets a number, and Method is kept for the last sheet", "[export][sheets]")
{
  sheet_names names;
  CHECK(names.unique("Loans") == "Loans");
  CHECK(names.unique("Loans") == "Loans (2)");
  CHECK(names.unique("Loans") == "Loans (3)");
  CHECK(names.unique("Method") == "Method (2)");
  CHECK(names.unique("A title far longer than thirty-one bytes") == "A title far longer than thirty-");
  CHECK(names.unique("A title far longer than thirty-one bytes") == "A title far longer than thi (2)");
  CHECK(names.for_method() == "Method");
}
