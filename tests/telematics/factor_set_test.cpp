#include <catch2/catch.hpp>

#include <algorithm>
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
  "car_petrol_kg_per_km": [{"id": "a", "row": "petrol", "value": 0.2}],
  "car_diesel_kg_per_km": [{"id": "b", "row": "diesel", "value": 0.2}],
  "car_hybrid_kg_per_km": [{"id": "c", "row": "hybrid", "value": 0.1}],
  "car_electric_kg_per_km": [{"id": "d", "row": "electric", "value": 0.04}, {"id": "e", "row": "T&D", "value": 0.004}],
  "bus_kg_per_passenger_km": [{"id": "f", "row": "bus", "value": 0.1}],
  "rail_kg_per_passenger_km": [{"id": "g", "row": "rail", "value": 0.03}],
  "grid_generation_kg_per_kwh": [{"id": "h", "row": "grid", "value": 0.2}],
  "grid_td_kg_per_kwh": [{"id": "i", "row": "T&D", "value": 0.02}]})";

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

TEST_CASE("the built-in 2025 set carries DESNZ's Average car figures, year, scope and source")
{
  const auto& factors = select_factor_set(builtin_factor_sets(), 2025, factor_scope::direct);
  CHECK(factors.year == 2025);
  CHECK(factors.source.find("2025") != std::string::npos);
  CHECK(factors.car_petrol_kg_per_km == 0.16272);
  CHECK(factors.car_diesel_kg_per_km == 0.17304);
  CHECK(factors.car_hybrid_kg_per_km == 0.12825);
  CHECK(factors.car_electric_kg_per_km == Approx(0.04047 + 0.00384).margin(1e-12));
  CHECK(factors.bus_kg_per_passenger_km == 0.10385);
  CHECK(factors.rail_kg_per_passenger_km == 0.03546);
  CHECK(factors.grid_generation_kg_per_kwh == 0.17700);
  CHECK(factors.grid_td_kg_per_kwh == 0.01853);
}

TEST_CASE("the built-in 2024 set carries the 2024 flat file's figures and rows")
{
  const auto& direct = select_factor_set(builtin_factor_sets(), 2024, factor_scope::direct);
  CHECK(direct.source.find("2024") != std::string::npos);
  CHECK(direct.car_petrol_kg_per_km == 0.16450);
  CHECK(direct.car_diesel_kg_per_km == 0.16984);
  CHECK(direct.car_hybrid_kg_per_km == 0.12607);
  CHECK(direct.car_electric_kg_per_km == Approx(0.04745 + 0.00386).margin(1e-12));
  CHECK(direct.bus_kg_per_passenger_km == 0.10846);
  CHECK(direct.rail_kg_per_passenger_km == 0.03546);
  CHECK(direct.grid_generation_kg_per_kwh == 0.20705);
  CHECK(direct.grid_td_kg_per_kwh == 0.01830);
  const auto grid = std::find_if(direct.rows.begin(), direct.rows.end(),
                                 [](const auto& row) { return row.factor == "grid_generation_kg_per_kwh"; });
  REQUIRE(grid != direct.rows.end());
  CHECK(grid->id == "7_400_4000_5_1");

  const auto& wtt = select_factor_set(builtin_factor_sets(), 2024, factor_scope::with_well_to_tank);
  CHECK(wtt.car_petrol_kg_per_km == Approx(0.16450 + 0.04599).margin(1e-12));
  CHECK(wtt.grid_generation_kg_per_kwh == Approx(0.20705 + 0.04590).margin(1e-12));
  CHECK(wtt.rows.size() == 17);
}

TEST_CASE("built-in sets serve their own year, and the nearest for the years around them")
{
  const auto& sets = builtin_factor_sets();
  CHECK(factor_set_for_year(sets, 2024, factor_scope::direct).year == 2024);
  CHECK(factor_set_for_year(sets, 2025, factor_scope::direct).year == 2025);
  CHECK(factor_set_for_year(sets, 2019, factor_scope::with_well_to_tank).year == 2024);
  CHECK(factor_set_for_year(sets, 2027, factor_scope::with_well_to_tank).year == 2025);
}

TEST_CASE("every built-in factor names the flat-file rows it sums")
{
  const auto& factors = select_factor_set(builtin_factor_sets(), 2025, factor_scope::direct);
  REQUIRE(factors.rows.size() == 9);
  CHECK(factors.rows.front().factor == "car_petrol_kg_per_km");
  CHECK(factors.rows.front().id == "25_301_3070_4_1");
  CHECK(factors.rows.front().row.find("Average car > Petrol") != std::string::npos);
  for (const auto& row : factors.rows) CHECK_FALSE(row.id.empty());
}

TEST_CASE("the 2025 well-to-tank set adds each WTT row to its direct row")
{
  const auto& factors = select_factor_set(builtin_factor_sets(), 2025, factor_scope::with_well_to_tank);
  CHECK(factors.car_petrol_kg_per_km == Approx(0.16272 + 0.04599).margin(1e-12));
  CHECK(factors.car_diesel_kg_per_km == Approx(0.17304 + 0.04146).margin(1e-12));
  CHECK(factors.car_hybrid_kg_per_km == Approx(0.12825 + 0.03315).margin(1e-12));
  CHECK(factors.car_electric_kg_per_km == Approx(0.04047 + 0.00384 + 0.01049).margin(1e-12));
  CHECK(factors.bus_kg_per_passenger_km == Approx(0.10385 + 0.02649).margin(1e-12));
  CHECK(factors.rail_kg_per_passenger_km == Approx(0.03546 + 0.00897).margin(1e-12));
  CHECK(factors.grid_generation_kg_per_kwh == Approx(0.17700 + 0.04590).margin(1e-12));
  CHECK(factors.grid_td_kg_per_kwh == Approx(0.01853 + 0.00397).margin(1e-12));
  CHECK(factors.rows.size() == 17);
}

TEST_CASE("a trip's year picks its own factor set, or the nearest year's when there is none")
{
  const auto sets = parse_factor_sets(R"({"factor_sets": [)" + one_set(2023, "direct") + "," +
                                      one_set(2025, "direct") + "," + one_set(2025, "with_well_to_tank") + "]}");
  CHECK(factor_set_for_year(sets, 2025, factor_scope::direct).year == 2025);
  CHECK(factor_set_for_year(sets, 2023, factor_scope::direct).year == 2023);
  CHECK(factor_set_for_year(sets, 2024, factor_scope::direct).year == 2025);
  CHECK(factor_set_for_year(sets, 2021, factor_scope::direct).year == 2023);
  CHECK(factor_set_for_year(sets, 2023, factor_scope::with_well_to_tank).year == 2025);
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
  negative.replace(negative.find("0.03"), 4, "-0.03");
  CHECK(refused_field(R"({"factor_sets": [)" + negative + "]}") ==
        "factor_sets[0].factors.rail_kg_per_passenger_km[0].value");
  std::string no_rows = one_set(2025, "direct");
  no_rows.replace(no_rows.find(R"([{"id": "f")"), std::string(R"([{"id": "f", "row": "bus", "value": 0.1}])").size(), "[]");
  CHECK(refused_field(R"({"factor_sets": [)" + no_rows + "]}") == "factor_sets[0].factors.bus_kg_per_passenger_km");
  std::string no_id = one_set(2025, "direct");
  no_id.replace(no_id.find(R"("id": "a")"), 9, R"("id": "")");
  CHECK(refused_field(R"({"factor_sets": [)" + no_id + "]}") == "factor_sets[0].factors.car_petrol_kg_per_km[0].id");
}

TEST_CASE("factor scopes have stable names")
{
  CHECK(to_string(factor_scope::direct) == "direct");
  CHECK(to_string(factor_scope::with_well_to_tank) == "with_well_to_tank");
}
