#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "pedalpower/telematics/emissions.hpp"
#include "pedalpower/telematics/error.hpp"
#include "refusal.hpp"

using namespace pedalpower::telematics;

namespace {

/// DOMAIN.md's worked examples: a car factor of 0.16 used only as a test value, the 2025 grid.
factor_set worked_example_factors()
{
  factor_set factors;
  factors.year = 2025;
  factors.scope = factor_scope::direct;
  factors.source = "worked example";
  factors.car_petrol_kg_per_km = 0.16;
  factors.grid_generation_kg_per_kwh = 0.17700;
  factors.grid_td_kg_per_kwh = 0.01853;
  return factors;
}

constexpr double gram = 0.001;

std::string refused_field(double distance_km, std::vector<mode_share> modes, double wh_per_km = 10.0)
{
  return refused_field_of([&] { estimate_emissions(distance_km, modes, worked_example_factors(), wh_per_km); });
}

}  // namespace

TEST_CASE("10 km by a former solo car driver reproduces the worked example to the gram")
{
  const std::vector<mode_share> solo{{travel_mode::car_petrol, 1.0, 1.0}};
  const auto result = estimate_emissions(10.0, solo, worked_example_factors());
  CHECK(result.avoided_kg == Approx(1.6).margin(gram / 1000.0));
  CHECK(result.ebike_kg == Approx(0.019553).margin(gram / 1000.0));
  CHECK(result.net_kg == Approx(1.580447).margin(gram / 1000.0));
}

TEST_CASE("the same ride by a former walker is a small net cost, never clamped")
{
  const std::vector<mode_share> walker{{travel_mode::walk, 1.0, 1.0}};
  const auto result = estimate_emissions(10.0, walker, worked_example_factors());
  CHECK(result.avoided_kg == 0.0);
  CHECK(result.net_kg == Approx(-0.019553).margin(gram / 1000.0));
}

TEST_CASE("a car shared by two halves what is avoided")
{
  const std::vector<mode_share> shared{{travel_mode::car_petrol, 1.0, 2.0}};
  const auto result = estimate_emissions(10.0, shared, worked_example_factors());
  CHECK(result.net_kg == Approx(0.780447).margin(gram / 1000.0));
}

TEST_CASE("a mixed previous commute weighs each mode by its share")
{
  auto factors = worked_example_factors();
  factors.bus_kg_per_passenger_km = 0.10385;
  const std::vector<mode_share> mixed{{travel_mode::car_petrol, 0.6, 1.0}, {travel_mode::bus, 0.4, 1.0}};
  const auto result = estimate_emissions(10.0, mixed, factors);
  CHECK(result.avoided_kg == Approx(10.0 * (0.6 * 0.16 + 0.4 * 0.10385)).margin(1e-9));
}

TEST_CASE("an electric car's factor is DESNZ's per-km figure for it")
{
  auto factors = worked_example_factors();
  factors.car_electric_kg_per_km = 0.04431;
  CHECK(emission_factor_kg_per_km(travel_mode::car_electric, factors) == 0.04431);
  CHECK(emission_factor_kg_per_km(travel_mode::cycle, factors) == 0.0);
  CHECK(emission_factor_kg_per_km(travel_mode::none, factors) == 0.0);
}

TEST_CASE("the e-bike's energy use is configurable")
{
  const std::vector<mode_share> solo{{travel_mode::car_petrol, 1.0, 1.0}};
  const auto measured = estimate_emissions(10.0, solo, worked_example_factors(), 6.5);
  CHECK(measured.ebike_kg == Approx(10.0 * 0.0065 * 0.19553).margin(1e-12));
  CHECK(measured.ebike_wh_per_km == 6.5);
}

TEST_CASE("the result records the factor set and distance it used")
{
  const std::vector<mode_share> solo{{travel_mode::car_petrol, 1.0, 1.0}};
  const auto result = estimate_emissions(12.5, solo, worked_example_factors());
  CHECK(result.distance_km == 12.5);
  CHECK(result.factor_year == 2025);
  CHECK(result.scope == factor_scope::direct);
  CHECK(result.factor_source == "worked example");
  CHECK(result.ebike_wh_per_km == 10.0);
}

TEST_CASE("impossible mode shares, occupancies or inputs are refused")
{
  CHECK(refused_field(10.0, {}) == "mode");
  CHECK(refused_field(10.0, {{travel_mode::car_petrol, 0.5, 1.0}}) == "share");
  CHECK(refused_field(10.0, {{travel_mode::car_petrol, 0.7, 1.0}, {travel_mode::bus, 0.7, 1.0}}) == "share");
  CHECK(refused_field(10.0, {{travel_mode::car_petrol, 1.5, 1.0}, {travel_mode::bus, -0.5, 1.0}}) == "share");
  CHECK(refused_field(10.0, {{travel_mode::car_petrol, 1.0, 0.5}}) == "occupancy");
  CHECK(refused_field(10.0, {{travel_mode::bus, 1.0, 2.0}}) == "occupancy");
  CHECK(refused_field(-1.0, {{travel_mode::car_petrol, 1.0, 1.0}}) == "distance_km");
  CHECK(refused_field(10.0, {{travel_mode::car_petrol, 1.0, 1.0}}, -10.0) == "wh_per_km");
}

TEST_CASE("travel modes read and print by name")
{
  for (const auto* name : {"car_petrol", "car_diesel", "car_hybrid", "car_electric", "bus", "rail", "walk", "cycle", "none"}) {
    CHECK(to_string(parse_travel_mode(name)) == name);
  }
  CHECK_THROWS_AS(parse_travel_mode("car_unknown"), invalid_input);
}
