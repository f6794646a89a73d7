#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pedalpower/telematics/error.hpp"
#include "pedalpower/telematics/factor_set.hpp"
#include "refusal.hpp"

using namespace pedalpower::telematics;

namespace {

std::string refused_field(std::string_view json)
{
  return refused_field_of([&] { parse_factor_sets(json); });
}

const char* const complete_factors = R"("factors": {
  "car_petrol_kg_per_km": 0.2, "car_diesel_kg_per_km": 0.2, "car_hybrid_kg_per_km": 0.1,
  "car_electric_kwh_per_km": 0.2, "bus_kg_per_passenger_km": 0.1, "rail_kg_per_passenger_km": 0.04,
  "grid_generation_kg_per_kwh": 0.2, "grid_td_kg_per_kwh": 0.02})";

std::string one_set(int year, const char* scope)
{
  // Appended piece by piece: GCC 12 misreports a chain of + on strings as out of bounds.
  std::string set = R"({"year": )";
  set += std::to_string(year);
  set += R"(, "scope": ")";
  set += scope;
  set += R"(", "source": "test", )";
  set += complete_factors;
  set += "}";
  return set;
}

}  // namespace

TEST_CASE("the built-in 2025 set carries DESNZ's figures, year, scope and source")
{
  const auto& factors = select_factor_set(builtin_factor_sets(), 2025);
  CHECK(factors.year == 2025);
  CHECK(factors.scope == factor_scope::direct);
  CHECK(factors.source.find("2025") != std::string::npos);
  CHECK(factors.car_petrol_kg_per_km == 0.17474);
  CHECK(factors.car_diesel_kg_per_km == 0.17174);
  CHECK(factors.car_hybrid_kg_per_km == 0.11724);
  CHECK(factors.car_electric_kwh_per_km == 0.20656);
  CHECK(factors.bus_kg_per_passenger_km == 0.10385);
  CHECK(factors.rail_kg_per_passenger_km == 0.03546);
  CHECK(factors.grid_generation_kg_per_kwh == 0.17700);
  CHECK(factors.grid_td_kg_per_kwh == 0.01853);
}

TEST_CASE("a factor file may hold several years and scopes")
{
  const auto sets = parse_factor_sets(R"({"factor_sets": [)" + one_set(2024, "direct") + "," +
                                      one_set(2025, "direct") + "," + one_set(2025, "with_well_to_tank") + "]}");
  REQUIRE(sets.size() == 3);
  CHECK(select_factor_set(sets).year == 2025);
  CHECK(select_factor_set(sets, 2024).year == 2024);
  CHECK(select_factor_set(sets, 2025, factor_scope::with_well_to_tank).scope == factor_scope::with_well_to_tank);
  CHECK(select_factor_set(sets, 2025, factor_scope::direct).scope == factor_scope::direct);
  CHECK_THROWS_AS(select_factor_set(sets, 2019), invalid_input);
  CHECK_THROWS_AS(select_factor_set(sets, 2024, factor_scope::with_well_to_tank), invalid_input);
}

TEST_CASE("a broken factor file is refused naming the JSON path at fault")
{
  CHECK(refused_field("{") == "factor_sets");
  CHECK(refused_field(R"({"factor_sets": []})") == "factor_sets");
  CHECK(refused_field(R"({"factor_sets": [{"scope": "direct", "source": "x", )" + std::string(complete_factors) + "}]}") ==
        "factor_sets[0].year");
  CHECK(refused_field(R"({"factor_sets": [{"year": 2025, "scope": "sideways", "source": "x", )" +
                      std::string(complete_factors) + "}]}") == "factor_sets[0].scope");
  CHECK(refused_field(R"({"factor_sets": [{"year": 2025, "scope": "direct", "source": "", )" +
                      std::string(complete_factors) + "}]}") == "factor_sets[0].source");
  CHECK(refused_field(R"({"factor_sets": [{"year": 2025, "scope": "direct", "source": "x", "factors": {}}]})") ==
        "factor_sets[0].factors.car_petrol_kg_per_km");
  std::string negative = one_set(2025, "direct");
  negative.replace(negative.find("0.04"), 4, "-0.04");
  CHECK(refused_field(R"({"factor_sets": [)" + negative + "]}") == "factor_sets[0].factors.rail_kg_per_passenger_km");
}

TEST_CASE("factor scopes have stable names")
{
  CHECK(to_string(factor_scope::direct) == "direct");
  CHECK(to_string(factor_scope::with_well_to_tank) == "with_well_to_tank");
}
