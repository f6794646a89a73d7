#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
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

/// A built-in year's figures as its flat file prints them, Average car rows: petrol, diesel, hybrid,
/// battery electric (the car's row plus its grid losses), local bus, national rail, grid generation
/// and grid T&D; and each one's well-to-tank row.
struct flat_file_year {
  int year;
  std::array<double, 8> direct;
  std::array<double, 8> well_to_tank;
  std::string_view grid_row_id;
};

// DESNZ left the well-to-tank rows as they were from 2024 to 2025.
constexpr std::array<double, 8> well_to_tank_2024_2025{0.04599, 0.04146, 0.03315, 0.01049,
                                                       0.02649, 0.00897, 0.04590, 0.00397};
constexpr std::array<flat_file_year, 2> flat_file_years{{
    {2024, {0.16450, 0.16984, 0.12607, 0.04745 + 0.00386, 0.10846, 0.03546, 0.20705, 0.01830}, well_to_tank_2024_2025,
     "7_400_4000_5_1"},
    {2025, {0.16272, 0.17304, 0.12825, 0.04047 + 0.00384, 0.10385, 0.03546, 0.17700, 0.01853}, well_to_tank_2024_2025,
     "30_400_4000_5_1"},
}};

std::array<double, 8> figures_of(const factor_set& set)
{
  return {set.car_petrol_kg_per_km, set.car_diesel_kg_per_km,    set.car_hybrid_kg_per_km,       set.car_electric_kg_per_km,
          set.bus_kg_per_passenger_km, set.rail_kg_per_passenger_km, set.grid_generation_kg_per_kwh, set.grid_td_kg_per_kwh};
}

}  // namespace

TEST_CASE("each built-in set carries its year's flat-file figures, direct and with each well-to-tank row added")
{
  for (const auto& expected : flat_file_years) {
    INFO(expected.year);
    const auto& direct = select_factor_set(builtin_factor_sets(), expected.year, factor_scope::direct);
    const auto& with_wtt = select_factor_set(builtin_factor_sets(), expected.year, factor_scope::with_well_to_tank);
    CHECK(direct.year == expected.year);
    CHECK(direct.source.find(std::to_string(expected.year)) != std::string::npos);
    CHECK(with_wtt.rows.size() == 17);
    const auto direct_figures = figures_of(direct);
    const auto with_wtt_figures = figures_of(with_wtt);
    for (std::size_t i = 0; i < direct_figures.size(); ++i) {
      CHECK(direct_figures[i] == Approx(expected.direct[i]).margin(1e-12));
      CHECK(with_wtt_figures[i] == Approx(expected.direct[i] + expected.well_to_tank[i]).margin(1e-12));
    }
    const auto grid = std::find_if(direct.rows.begin(), direct.rows.end(),
                                   [](const auto& row) { return row.factor == "grid_generation_kg_per_kwh"; });
    REQUIRE(grid != direct.rows.end());
    CHECK(grid->id == expected.grid_row_id);
  }
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
